using Jobstats.Core.Config;

namespace Jobstats.Core.Tests.Config;

/// <summary>The mail:, idle_gpus: and waste: sections: defaults, site values, and errors with file and line.</summary>
public class FleetConfigTests
{
    [Fact]
    public void Defaults_do_nothing_until_an_admin_says_so()
    {
        var config = ConfigLoader.Parse("", "j.yaml");
        Assert.Equal(IdleGpuMode.DryRun, config.IdleGpus.Mode);
        Assert.Equal("/usr/sbin/sendmail", config.Mail.Sendmail);
        Assert.Equal("alice", config.Mail.AddressOf("alice"));
        Assert.Equal(["idle-gpus", "low-gpu-utilization", "low-cpu-efficiency", "excess-memory", "excess-time-limit"], config.Waste.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Site_values_are_read_and_a_site_waste_rule_replaces_the_built_in_of_its_name()
    {
        var config = ConfigLoader.Parse("""
            mail: { domain: example.org, slurm_mailer: /usr/bin/s-nail }
            idle_gpus:
              mode: warn_and_cancel
              idle_minutes: 30
              exclude_users: [alice]
              exclude_partitions: [debug]
              interactive_job_names: [jupyter*]
              warning_subject: "job {jobid} of {user}: {{idle}}"
            waste:
              sort_by: excess-memory
              rules:
                - { name: excess-memory, title: mem, when: ["cpu_memory_efficiency < 50"], amount: memory_gb_hours_unused }
                - { name: long-waits, when: ["gpus > 8"], amount: gpu_hours_unused }
            """, "j.yaml");
        Assert.Equal("alice@example.org", config.Mail.AddressOf("alice"));
        Assert.Equal(IdleGpuMode.WarnAndCancel, config.IdleGpus.Mode);
        Assert.Equal(30, config.IdleGpus.LimitMinutesFor("train"));
        Assert.Equal(180, config.IdleGpus.LimitMinutesFor("jupyter-lab"));
        Assert.Contains("alice", config.IdleGpus.ExcludeUsers);
        Assert.Equal(["idle-gpus", "low-gpu-utilization", "low-cpu-efficiency", "excess-memory", "excess-time-limit", "long-waits"],
            config.Waste.Rules.Select(r => r.Name));
        Assert.Equal("mem", config.Waste.Rules[3].Title);
        Assert.Equal("excess-memory", config.Waste.SortBy);
    }

    [Theory]
    [InlineData("idle_gpus:\n  mode: cancel\n", 2, "'idle_gpus.mode' must be one of dry_run, warn, warn_and_cancel, not 'cancel'")]
    [InlineData("idle_gpus:\n  idle_minutes: 0\n", 2, "'idle_gpus.idle_minutes' must be a number from 1 to")]
    [InlineData("idle_gpus:\n  state_file: idle.json\n", 2, "'idle_gpus.state_file' must be an absolute path")]
    [InlineData("idle_gpus:\n  warning_text: \"job {job}\"\n", 2, "'idle_gpus.warning_text': unknown placeholder {job} (known: cluster, gpus,")]
    [InlineData("idle_gpus:\n  cancel_subject: \"job {jobid\"\n", 2, "unclosed '{'")]
    [InlineData("mail:\n  sendmail: sendmail\n", 2, "'mail.sendmail' must be an absolute path")]
    [InlineData("mail:\n  smtp: localhost\n", 2, "unknown")]
    [InlineData("waste:\n  rules:\n    - name: x\n      when: [\"gpus >> 1\"]\n      amount: gpu_hours\n", 3, "waste rule 'x': unknown operator \">>\"")]
    [InlineData("waste:\n  rules:\n    - name: x\n      when: [\"gpuz > 1\"]\n      amount: gpu_hours\n", 3, "unknown figure \"gpuz\"")]
    [InlineData("waste:\n  rules:\n    - name: x\n      amount: gpu_days\n", 3, "waste rule 'x': unknown amount \"gpu_days\"")]
    [InlineData("waste:\n  rules:\n    - name: x\n", 3, "waste rule 'x' needs an amount")]
    [InlineData("waste:\n  sort_by: nothing\n", 2, "'waste.sort_by': there is no waste rule named 'nothing'")]
    [InlineData("waste:\n  mail_text: \"{report}\"\n", 2, "unknown placeholder {report}")]
    public void Errors_name_file_and_line(string yaml, int line, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/etc/jobstats/jobstats.yaml"));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"/etc/jobstats/jobstats.yaml:{line}: ", e.Message);
    }

    [Fact]
    public void A_waste_rule_may_test_the_waste_amounts_as_well_as_the_note_figures()
    {
        var config = ConfigLoader.Parse("waste:\n  rules:\n    - { name: big, when: [\"gpu_hours_idle > 100\", \"qos contains 'long'\"], amount: gpu_hours_idle }\n", "j.yaml");
        Assert.Equal("big", config.Waste.Rules[^1].Name);
    }
}
