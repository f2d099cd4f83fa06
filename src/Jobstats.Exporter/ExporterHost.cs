using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Jobstats.Exporter.Collectors;
using Jobstats.Metrics.Http;

namespace Jobstats.Exporter;

/// <summary>Builds the enabled collectors, serves until SIGTERM/SIGINT, and releases NVML on the way out.</summary>
internal static class ExporterHost
{
    public static async Task<int> RunAsync(ExporterOptions options, ISet<string> disabled, IPAddress? address, int port, CancellationToken cancel)
    {
        var log = options.Log;
        var collectors = CollectorCatalog.Create(options, disabled);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var server = new MetricsServer("jobstats-exporter", new Scraper(collectors, log).Scrape, log, options.Security);
        try
        {
            var endpoint = server.Start(address, port);
            log.Info($"listening on {endpoint}{Describe(options.Security)} with collectors: {string.Join(", ", collectors.Select(c => c.Name))}");
            await server.RunAsync(stop.Token);
            log.Info("stopping");
            return 0;
        }
        catch (SocketException e)
        {
            log.Error($"cannot listen on {options.ListenAddress}: {e.Message}");
            return 1;
        }
        finally
        {
            foreach (var (_, collector) in collectors) (collector as IDisposable)?.Dispose();
        }
    }

    private static string Describe(Metrics.Security.WebSecurity? security) =>
        (security?.Tls is null ? "" : " (TLS)") + (security?.BasicAuth is null ? "" : " (basic auth)");
}
