using System.Text;
using Jobstats.Core.Text;

namespace Jobstats.Core.Mail;

/// <summary>
/// A plain-text mail as sendmail reads it with <c>-t</c>: headers, a blank line, the body. Header values come from job
/// names and user names, so line breaks and control characters in them are removed (no header can be injected) and a
/// non-ASCII subject is encoded (RFC 2047); the body keeps its lines and has every other control character escaped.
/// </summary>
public sealed record MailMessage(string From, string To, string Subject, string Body)
{
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("From: ").Append(HeaderValue(From)).Append('\n');
        text.Append("To: ").Append(HeaderValue(To)).Append('\n');
        text.Append("Subject: ").Append(EncodedSubject(HeaderValue(Subject))).Append('\n');
        text.Append("MIME-Version: 1.0\n");
        text.Append("Content-Type: text/plain; charset=UTF-8\n");
        text.Append("Content-Transfer-Encoding: 8bit\n");
        text.Append("Auto-Submitted: auto-generated\n\n");
        string body = TerminalText.EscapeBlock(Body.Replace("\r\n", "\n", StringComparison.Ordinal));
        text.Append(body);
        if (!body.EndsWith('\n')) text.Append('\n');
        return text.ToString();
    }

    private static string HeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString().Trim();
    }

    private static string EncodedSubject(string subject) =>
        subject.All(char.IsAscii) ? subject : "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(subject)) + "?=";
}
