namespace Jobstats.Processes;

/// <summary>How a run ended. Only <see cref="Exited"/> carries an exit code the program chose.</summary>
public enum ProcessOutcome
{
    /// <summary>The program ran and exited on its own; see the exit code.</summary>
    Exited,

    /// <summary>The time limit passed; the program and everything it started were killed.</summary>
    TimedOut,

    /// <summary>Stdout outgrew <see cref="ProcessRequest.MaxOutputChars"/>; the program and its children were killed.</summary>
    OutputTooLarge,

    /// <summary>The program could not be started at all (missing, not executable, not a program).</summary>
    FailedToStart,
}
