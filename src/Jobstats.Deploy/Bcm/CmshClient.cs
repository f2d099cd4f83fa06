using System.Text.RegularExpressions;
using Jobstats.Deploy.Inventories;
using Jobstats.Processes;

namespace Jobstats.Deploy.Bcm;

/// <summary>
/// Talks to BCM through <c>cmsh -c "…"</c> on the head node. Every value placed into a cmsh command is checked
/// against a strict pattern first: cmsh has its own command language, and ';' in a name would start a new command.
/// </summary>
public sealed partial class CmshClient(string cmshPath, IProcessRunner runner, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromMinutes(2);

    [GeneratedRegex("^[A-Za-z0-9_./,:=+-]{0,1024}$")]
    private static partial Regex ValuePattern();

    public async Task<string> RunAsync(string commands, CancellationToken ct)
    {
        var result = await runner.RunAsync(new ProcessRequest(cmshPath, ["-c", commands], _timeout), ct).ConfigureAwait(false);
        if (!result.Succeeded) throw new CmshException($"cmsh -c \"{commands}\" failed: {result.Describe()}");
        // cmsh reports many errors on stdout with exit 0.
        var error = result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("Error", StringComparison.OrdinalIgnoreCase) || l.Contains("not found", StringComparison.OrdinalIgnoreCase));
        if (error is not null) throw new CmshException($"cmsh -c \"{commands}\": {error.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>Host names of the nodes in a category (<c>device; list -c CATEGORY</c>).</summary>
    public async Task<IReadOnlyList<string>> CategoryNodesAsync(string category, CancellationToken ct) =>
        CmshOutput.ParseDeviceList(await RunAsync($"device; list -c {Name(category)}", ct).ConfigureAwait(false));

    /// <summary>The software image a category uses (<c>category; use C; get softwareimage</c>).</summary>
    public async Task<string> CategoryImageAsync(string category, CancellationToken ct)
    {
        var value = CmshOutput.ParseSingleValue(await RunAsync($"category; use {Name(category)}; get softwareimage", ct).ConfigureAwait(false));
        return BcmObjectNames.IsValid(value) ? value : throw new CmshException($"cmsh returned an unusable image name for category {category}: '{value}'");
    }

    /// <summary>Path of a software image (<c>softwareimage; use I; get path</c>).</summary>
    public async Task<string> ImagePathAsync(string image, CancellationToken ct)
    {
        var value = CmshOutput.ParseSingleValue(await RunAsync($"softwareimage; use {Name(image)}; get path", ct).ConfigureAwait(false));
        // "/" would make the head node itself the image.
        return value.StartsWith('/') && value.TrimEnd('/').Length > 0 && !value.Contains("..") ? value : throw new CmshException($"cmsh returned an unusable path for image {image}: '{value}'");
    }

    public async Task<string> GetWlmAsync(string submode, string key, CancellationToken ct) =>
        CmshOutput.ParseSingleValue(await RunAsync($"wlm; use slurm; {Submode(submode)}get {Name(key)}", ct).ConfigureAwait(false));

    public Task SetWlmAsync(string submode, string key, string value, CancellationToken ct) =>
        RunAsync($"wlm; use slurm; {Submode(submode)}set {Name(key)} {Value(value)}; commit", ct);

    public Task ClearWlmAsync(string submode, string key, CancellationToken ct) =>
        RunAsync($"wlm; use slurm; {Submode(submode)}clear {Name(key)}; commit", ct);

    public Task ImageUpdateAsync(string category, bool wait, CancellationToken ct) =>
        RunAsync($"device; imageupdate -c {Name(category)}{(wait ? " -w" : "")}", ct);

    private static string Submode(string submode) => submode.Length == 0 ? "" : Name(submode) + "; ";

    internal static string Name(string value) =>
        BcmObjectNames.IsValid(value) ? value : throw new CmshException($"refusing to pass '{value}' to cmsh: not a plain name");

    internal static string Value(string value) =>
        ValuePattern().IsMatch(value) ? value : throw new CmshException($"refusing to pass '{value}' to cmsh: unsafe characters");

    public static CmshClient For(Inventory inventory, IProcessRunner runner) => new(inventory.Bcm.Cmsh, runner);
}

public sealed class CmshException(string message) : Exception(message);
