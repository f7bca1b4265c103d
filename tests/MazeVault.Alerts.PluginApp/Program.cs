using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.TestSupport.Pager;
using Microsoft.Extensions.Hosting;

var builder = Composition.CreateBuilder(args);
// The plug-in's one registration line, as a built-in channel's in AddAlertsChannels.
builder.Services.AddChannel<PagerChannel, PagerSettings>(PagerChannel.Type, PagerChannel.DisplayName);
builder.Build().Run();
