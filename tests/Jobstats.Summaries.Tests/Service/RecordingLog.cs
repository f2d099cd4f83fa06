using Jobstats.Summaries.Service;

namespace Jobstats.Summaries.Tests.Service;

internal sealed class RecordingLog : IServiceLog
{
    public List<string> Lines { get; } = [];
    public void Debug(string message) { lock (Lines) Lines.Add("debug: " + message); }
    public void Info(string message) { lock (Lines) Lines.Add("info: " + message); }
    public void Warning(string message) { lock (Lines) Lines.Add("warning: " + message); }
    public void Error(string message) { lock (Lines) Lines.Add("error: " + message); }
}
