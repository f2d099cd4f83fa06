using Jobstats.Deploy.Resources;

namespace Jobstats.Deploy.Components;

/// <summary>A systemd unit as three resources: the unit file, its enable link, and (on live hosts) the running service.</summary>
internal static class ServiceUnits
{
    public static IEnumerable<Resource> Build(
        ComponentContext c, string name, string asset, IReadOnlyList<string> execStart, string? user,
        IReadOnlyDictionary<string, string> extraValues, IReadOnlyList<string> restartWhenChanged, string component, string role, string why)
    {
        var values = new Dictionary<string, string>(extraValues) { ["exec_start"] = string.Join(' ', execStart) };
        var unit = new FileResource(Layout.Unit(name), c.Rendered(asset, values)) { Component = component, Role = role, Why = $"systemd unit: {why}" };
        yield return unit;
        // `systemctl enable` does exactly this for WantedBy=multi-user.target; as a link it also works inside an image.
        yield return new SymlinkResource(Layout.WantsLink(name), Layout.Unit(name)) { Component = component, Role = role, Why = $"enables {name} at boot" };
        yield return new ServiceResource(name, execStart, user, [unit.Key, .. restartWhenChanged]) { Component = component, Role = role, Why = $"{name} running" };
    }

    /// <summary>
    /// A oneshot service run by a systemd timer: both unit files, the timer's enable link, and (on live hosts) the
    /// running timer. Without systemd the supervisor runs <paramref name="fallbackLoop"/> instead, which runs the
    /// command and sleeps the interval, forever.
    /// </summary>
    public static IEnumerable<Resource> Timer(
        ComponentContext c, string name, IReadOnlyList<string> execStart, string interval, IReadOnlyList<string> fallbackLoop,
        IReadOnlyDictionary<string, string> extraValues, string component, string role, string why)
    {
        var service = new FileResource(Layout.Unit(name), c.Rendered($"systemd/{name}.service", new Dictionary<string, string>(extraValues) { ["exec_start"] = string.Join(' ', execStart) }))
        { Component = component, Role = role, Why = $"systemd unit: {why}" };
        yield return service;
        var timer = new FileResource(Layout.TimerUnit(name), c.Rendered($"systemd/{name}.timer", new Dictionary<string, string>(extraValues) { ["interval"] = interval }))
        { Component = component, Role = role, Why = $"systemd timer: {why}, every {interval}" };
        yield return timer;
        yield return new SymlinkResource(Layout.TimerWantsLink(name), Layout.TimerUnit(name)) { Component = component, Role = role, Why = $"enables the {name} timer at boot" };
        yield return new ServiceResource($"{name}.timer", fallbackLoop, null, [service.Key, timer.Key]) { Component = component, Role = role, Why = $"{name} timer running" };
    }
}
