using Jobstats.Core.Text;
using Jobstats.Deploy.Engine;
using Jobstats.Deploy.Resources;
using Spectre.Console;

namespace Jobstatsctl.Output;

/// <summary>Plain progress lines on stderr (piped, CI).</summary>
internal sealed class LineProgress : IApplyObserver
{
    private readonly Lock _gate = new();
    public void HostStarted(string host, int pending) { lock (_gate) Console.Error.WriteLine($"{TerminalText.Escape(host)}: {pending} change(s)"); }
    public void ResourceApplied(string host, Resource resource, Drift drift) { lock (_gate) Console.Error.WriteLine($"{TerminalText.Escape(host)}: {drift.Action.ToString().ToLowerInvariant()} {TerminalText.Escape(resource.Key)}"); }
    public void HostFinished(HostApplyResult result) { lock (_gate) Console.Error.WriteLine(result.Succeeded ? $"{TerminalText.Escape(result.Host)}: done ({result.Changed} changed)" : $"{TerminalText.Escape(result.Host)}: FAILED: {TerminalText.Escape(result.Error ?? "")}"); }
}

/// <summary>One Spectre progress bar per host on a terminal.</summary>
internal sealed class SpectreProgress(ProgressContext context) : IApplyObserver
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private readonly Lock _gate = new();

    public void HostStarted(string host, int pending)
    {
        lock (_gate) _tasks[host] = context.AddTask(Markup.Escape(TerminalText.Escape(host)), maxValue: Math.Max(1, pending));
    }

    public void ResourceApplied(string host, Resource resource, Drift drift)
    {
        lock (_gate) if (_tasks.TryGetValue(host, out var t)) { t.Increment(1); t.Description = Markup.Escape(TerminalText.Escape($"{host}: {resource.Key}")); }
    }

    public void HostFinished(HostApplyResult result)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(result.Host, out var t)) t = _tasks[result.Host] = context.AddTask(Markup.Escape(TerminalText.Escape(result.Host)));
            t.Description = result.Succeeded ? Markup.Escape(TerminalText.Escape(result.Host)) : $"[red]{Markup.Escape(TerminalText.Escape(result.Host))} failed[/]";
            t.Value = t.MaxValue;
            t.StopTask();
        }
    }
}
