using CapacityGrid.Client.Cli;

return await CapgridCli.RunAsync(args, Console.Out, Console.Error);
