namespace Jobstats.Deploy.Tests.ImagingAudit.Fixtures;

/// <summary>The category exclude lists as BCM ships them (reference: bcm.md), in the offline --exclude-lists format.</summary>
internal static class BcmDefaultExcludeLists
{
    public const string Text = """
        # Default BCM exclude lists of a category, as `cmsh -c "category; use dgx; get <list>"` prints them.
        [excludelistgrab]
        - lost+found/
        - /proc/*
        - /sys/*
        - /cm/shared/*
        - /cm/shared/
        - /cm/shared/apps/slurm/*
        - /home/*
        [excludelistgrabnew]
        - lost+found/
        - /proc/*
        - /sys/*
        - /cm/shared/*
        - /cm/shared/
        - /cm/shared/apps/slurm/*
        - /home/*
        [excludelistupdate]
        - lost+found/
        - /proc/*
        - /sys/*
        - /cm/shared/*
        - /cm/shared/
        - /cm/shared/apps/slurm/*
        - /home/*
        no-new-files: - /tftpboot/*
        [excludelistsyncinstall]
        - /.autofsck
        - /boot/grub*/grub.cfg
        - /cm/local/apps/openldap/etc/certs/ldap.key
        - /cm/local/apps/openldap/etc/certs/ldap.pem
        - /data/*
        - /home/*
        - /cm/shared/*
        - /cm/shared/
        - /proc/*
        - /sys/*
        no-new-files: - /tftpboot/*
        [excludelistfullinstall]
        - lost+found/
        - /proc/*
        - /sys/*
        - /boot/efi
        """;
}
