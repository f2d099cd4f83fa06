using System.Security.Cryptography;
using System.Text.Json;
using Jobstats.Deploy.Inventories;
using Jobstats.Deploy.Resources;
using Jobstats.Deploy.State;
using Jobstats.Deploy.Targets;

namespace Jobstats.Deploy.Engine;

/// <summary>
/// <c>plan -o FILE</c> and <c>apply FILE</c>: the plan as JSON (<see cref="PlanDocument"/>) with the inventory it was
/// made from, so that a reviewed plan is applied later exactly as reviewed, and refused if the inventory changed.
/// </summary>
public static class SavedPlan
{
    /// <summary>Far above any real plan (a 1,000-node cluster's is a few MiB): a bound on what is read.</summary>
    private const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Writes atomically (temp file, fsync, rename), readable by its owner only: it lists every path we manage.</summary>
    public static async Task SaveAsync(Plan plan, string inventoryPath, string file, CancellationToken ct)
    {
        var document = PlanDocument.From(plan);
        document.Inventory = Path.GetFullPath(inventoryPath);
        document.InventorySha256 = await HashAsync(document.Inventory, ct).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(document, DeployJsonContext.Default.PlanDocument) + "\n";
        var full = Path.GetFullPath(file);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? "/", TempFileNames.For(Path.GetFileName(full), Environment.ProcessId, TempFileNames.NewId()));
        try
        {
            var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = (UnixFileMode)FileModes.Private,
            });
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json), ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <exception cref="UsageException">Not a saved plan, or its inventory has changed since.</exception>
    public static async Task<PlanDocument> LoadAsync(string file, CancellationToken ct)
    {
        var info = new FileInfo(file);
        if (!info.Exists) throw new UsageException($"{file}: no such plan file");
        if (info.Length > MaxBytes) throw new UsageException($"{file}: {info.Length} bytes is not a saved plan");
        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false), DeployJsonContext.Default.PlanDocument);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file} is not a plan saved by `jobstatsctl plan -o` ({e.Message})");
        }
        if (document is null || document.Format != PlanDocument.CurrentFormat || document.Inventory is null || document.InventorySha256 is null)
            throw new UsageException($"{file} is not a plan saved by `jobstatsctl plan -o` (format {document?.Format ?? "none"}, needs {PlanDocument.CurrentFormat})");
        if (!File.Exists(document.Inventory))
            throw new UsageException($"{file}: its inventory {document.Inventory} is gone");
        if (await HashAsync(document.Inventory, ct).ConfigureAwait(false) != document.InventorySha256)
            throw new UsageException($"{document.Inventory} has changed since {file} was saved: run plan -o again and review it");
        return document;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
    }
}
