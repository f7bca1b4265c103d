using Microsoft.Extensions.Hosting;

Composition.CreateBuilder(args).Build().Run();
