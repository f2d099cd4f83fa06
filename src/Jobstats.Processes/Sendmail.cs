using System.Text;

namespace Jobstats.Processes;

/// <summary>
/// Hands a rendered message to a sendmail-compatible program (<c>sendmail -t -oi</c>: recipients from the headers, a
/// lone dot is not the end). Returns null when the mailer took it, else why not; never throws for a failed mailer.
/// </summary>
public sealed class Sendmail(IProcessRunner runner, string program, TimeSpan timeout)
{
    public async Task<string?> SendAsync(string message, CancellationToken cancellationToken)
    {
        var request = new ProcessRequest(program, ["-t", "-oi"], timeout) { StandardInput = Encoding.UTF8.GetBytes(message) };
        ProcessResult result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? null : $"{program}: {result.Describe()}";
    }
}
