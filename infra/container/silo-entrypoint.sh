#!/bin/sh
# A silo in a container advertises (and listens on) the container's own address unless Cluster__AdvertisedAddress
# is set (Kubernetes sets it from status.podIP, infra/k8s/silo.yaml). Loopback would be unreachable for the others.
if [ -z "${Cluster__AdvertisedAddress:-}" ]; then
  for address in $(hostname -I); do
    case $address in
      *.*) Cluster__AdvertisedAddress=$address; break ;;
    esac
  done
  [ -n "${Cluster__AdvertisedAddress:-}" ] || { echo "silo-entrypoint: the container has no IPv4 address" >&2; exit 1; }
  export Cluster__AdvertisedAddress
fi
exec /usr/share/dotnet/dotnet /app/CapacityGrid.Silo.dll "$@"
