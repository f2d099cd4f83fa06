// The library under measurement is Linux-only (Jobstats.Deploy declares it); without this the platform analyzer
// flags every call into it and warnings are errors.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
