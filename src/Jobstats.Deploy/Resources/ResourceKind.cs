namespace Jobstats.Deploy.Resources;

public enum ResourceKind { Directory, File, Symlink, SystemUser, Service, CmshSetting, ManagedBlock, StaleTempFile }
