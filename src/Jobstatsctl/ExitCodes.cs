namespace Jobstatsctl;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    /// <summary>plan: changes pending; audit-image: a blocking finding.</summary>
    public const int Pending = 3;
}
