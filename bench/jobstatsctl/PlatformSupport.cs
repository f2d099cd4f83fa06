// Deployment targets Linux hosts only (file owners, modes, symlinks, ssh, systemd).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
