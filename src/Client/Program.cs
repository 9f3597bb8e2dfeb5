using CapacityGrid.Client.Cli;

using var interrupts = Interrupts.Listen();
return await CapgridCli.RunAsync(args, Console.Out, Console.Error, interrupts.Token);
