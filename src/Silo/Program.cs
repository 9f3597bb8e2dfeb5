using CapacityGrid.Silo.Hosting;
using Microsoft.Extensions.Hosting;

await SiloHost.Build(args).RunAsync();
