using System.Diagnostics;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// A real Azurite (from the repository's node_modules) on free loopback ports with in-memory persistence,
/// started for the tests that use it and stopped by its process id.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's published development account; not a secret.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;
    private readonly List<string> _output = [];

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString => ConnectionStringFor(AccountName);

    /// <summary>The connection string of <paramref name="account"/>: one Azurite can serve several (its <c>AZURITE_ACCOUNTS</c>), each keyed with <see cref="AccountKey"/>.</summary>
    public string ConnectionStringFor(string account) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";

    public TableServiceClient CreateTableServiceClient() => new(ConnectionString);

    /// <summary>A queue client that encodes as the Functions queue trigger expects (Base64).</summary>
    public QueueClient CreateQueueClient(string queueName) =>
        new(ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}: run `npm ci` in {RepositoryPaths.Root} first.");
        }

        // A port picked free can be taken before Azurite binds it: try again with new ports.
        for (var attempt = 1; ; attempt++)
        {
            BlobPort = FreePort.Next();
            QueuePort = FreePort.Next();
            TablePort = FreePort.Next();
            if (await TryStartAsync(script))
            {
                return;
            }

            StopProcess();
            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite did not start:\n" + string.Join('\n', _output));
            }
        }
    }

    private async Task<bool> TryStartAsync(string script)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                 })
        {
            startInfo.ArgumentList.Add(arg);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                return false;
            }

            if (await AcceptsAsync(BlobPort) && await AcceptsAsync(QueuePort) && await AcceptsAsync(TablePort))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public Task DisposeAsync()
    {
        StopProcess();
        return Task.CompletedTask;
    }

    private void StopProcess()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }
}
