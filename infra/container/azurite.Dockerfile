# Azurite (the npm package pinned in infra/package.json) on the host's node, built by infra/container/build-images.sh
# from .capgrid/container/azurite. It listens on every address of its container; data in /data.
FROM capacitygrid-base:bookworm
COPY node /usr/local/bin/node
COPY node_modules /opt/azurite/node_modules
WORKDIR /data
EXPOSE 10000 10001 10002
ENTRYPOINT ["/usr/local/bin/node", "/opt/azurite/node_modules/azurite/dist/src/azurite.js", "--silent", "--skipApiVersionCheck", "--location", "/data", "--blobHost", "0.0.0.0", "--queueHost", "0.0.0.0", "--tableHost", "0.0.0.0"]
