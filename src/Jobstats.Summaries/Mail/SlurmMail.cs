using System.Text.RegularExpressions;

namespace Jobstats.Summaries.Mail;

/// <summary>
/// One mail Slurm asked MailProg to send: <c>-s SUBJECT RECIPIENT...</c> and the job's variables from the
/// environment. Whether the job has ended, and which job it is, come from those: SLURM_JOB_RUN_TIME is set only for a
/// finished job; the id is SLURM_JOB_ID, else the subject's <c>Job_id=</c>.
/// </summary>
public sealed partial record SlurmMail(IReadOnlyList<string> Arguments, string? Subject, string? JobId, bool Ended)
{
    [GeneratedRegex(@"\bJob_id=([0-9]{1,18}(?:_[0-9]{1,9})?)[ ,]")]
    private static partial Regex SubjectJobId();

    [GeneratedRegex(@"^[0-9]{1,18}(?:_[0-9]{1,9})?$")]
    private static partial Regex JobIdText();

    public static SlurmMail Parse(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        string? subject = null;
        for (int i = 0; i + 1 < arguments.Count; i++)
            if (arguments[i] == "-s") { subject = arguments[i + 1]; break; }
        string? id = environment.GetValueOrDefault("SLURM_JOB_ID") is { } env && JobIdText().IsMatch(env) ? env
            : subject is not null && SubjectJobId().Match(subject) is { Success: true } m ? m.Groups[1].Value : null;
        bool ended = environment.GetValueOrDefault("SLURM_JOB_RUN_TIME") is { Length: > 0 } ||
                     (subject is not null && (subject.Contains(" Ended,", StringComparison.Ordinal) || subject.Contains(" Failed,", StringComparison.Ordinal)));
        return new SlurmMail(arguments, subject, id, ended);
    }
}
