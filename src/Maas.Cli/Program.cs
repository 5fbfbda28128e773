return await Maas.Cli.CliApp.RunAsync(args);
