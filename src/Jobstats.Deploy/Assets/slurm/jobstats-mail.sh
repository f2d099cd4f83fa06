#!/bin/sh
# MailProg for Slurm, written by jobstatsctl: adds the jobstats report to the mail of a job that ended, then hands the
# mail to the real mailer with Slurm's arguments unchanged. slurmctld runs it as the SlurmUser without SLURM_CONF.
# If jobstats-summaries is missing, the mail goes straight to the mailer: this script must never lose a mail.
SLURM_CONF={{slurm_conf}}
export SLURM_CONF
PATH=/cm/shared/apps/slurm/current/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}
export PATH
summaries={{summaries_bin}}
mailer={{mailer}}
if [ -x "$summaries" ]; then
  exec "$summaries" slurm-mail --config {{config}} --mailer "$mailer" -- "$@"
fi
exec "$mailer" "$@"
