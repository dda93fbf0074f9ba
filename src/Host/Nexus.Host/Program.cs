using Nexus.Host.Composition;
using Nexus.Shared.Hosting;

// Nexus: one process, many modules. `Nexus.Host migrate` applies the migrations and exits; bad configuration ends
// with one line naming the setting (exit code 2).
return await NexusProgram.RunAsync("Nexus", args, NexusApplication.Build);
