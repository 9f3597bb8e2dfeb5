using CapacityGrid.Silo.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddCapacityGridSilo();
await builder.Build().RunAsync();
