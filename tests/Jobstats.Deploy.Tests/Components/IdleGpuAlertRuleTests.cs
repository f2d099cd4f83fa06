using Jobstats.Deploy.Components;
using Jobstats.Deploy.Tests.Support;
using Jobstats.Testing;

namespace Jobstats.Deploy.Tests.Components;

/// <summary>The idle-GPU alerting rule apply writes, judged by the real promtool (check rules, test rules, check config).</summary>
public class IdleGpuAlertRuleTests
{
    private static async Task<(TempDirectory Root, string Rules, string Config)> ApplyAsync(string alerts)
    {
        var root = new TempDirectory();
        var inventory = TestInventories.Local(root, sections: alerts);
        await new Harness(inventory).ApplyAsync();
        return (root, root["/root" + Layout.PrometheusAlertRules], root["/root" + Layout.PrometheusConfig]);
    }

    [Fact]
    public async Task The_rule_fires_for_a_job_whose_every_GPU_sat_at_zero_for_the_configured_time_and_for_no_other()
    {
        var (root, rules, _) = await ApplyAsync("alerts:\n  idle_gpu_for: 30m\n");
        using var _ = root;
        var check = await Tools.RunAsync("promtool", "check", "rules", rules);
        Assert.True(check.Succeeded, check.StandardOutput + check.StandardError);

        // One sample a minute for 60 minutes (the "_x60" repeats the last step). Job 7: both GPUs at 0 the whole hour.
        // Job 8: one GPU idle, the other busy (not every GPU idle: no alert). Job 9: idle only from minute 40, so at
        // minute 45 it has been idle 5 minutes, not 30. A device without a job (jobid="") is not waste. At minute 25
        // nothing has been idle for 30 minutes yet.
        Directory.CreateDirectory(root["/tests"]);
        File.Copy(rules, root["/tests/jobstats-alerts.yml"]);
        File.WriteAllText(root["/tests/rules-test.yml"], """
            rule_files: [jobstats-alerts.yml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'nvidia_gpu_duty_cycle{cluster="lab",instance="dgx1:9306",minor_number="0",jobid="7",userid="1001"}'
                    values: '0x60'
                  - series: 'nvidia_gpu_duty_cycle{cluster="lab",instance="dgx1:9306",minor_number="1",jobid="7",userid="1001"}'
                    values: '0x60'
                  - series: 'nvidia_gpu_duty_cycle{cluster="lab",instance="dgx1:9306",minor_number="2",jobid="8",userid="1002"}'
                    values: '0x60'
                  - series: 'nvidia_gpu_duty_cycle{cluster="lab",instance="dgx1:9306",minor_number="3",jobid="8",userid="1002"}'
                    values: '55x60'
                  - series: 'nvidia_gpu_duty_cycle{cluster="lab",instance="dgx2:9306",minor_number="0",jobid="9",userid="1003"}'
                    values: '80x39 0x20'
                  - series: 'nvidia_gpu_duty_cycle{cluster="lab",instance="dgx2:9306",minor_number="1",jobid="",userid=""}'
                    values: '0x60'
                alert_rule_test:
                  - eval_time: 25m
                    alertname: JobstatsIdleGpus
                    exp_alerts: []
                  - eval_time: 45m
                    alertname: JobstatsIdleGpus
                    exp_alerts:
                      - exp_labels: { severity: warning, cluster: lab, jobid: "7", userid: "1001" }
                        exp_annotations:
                          summary: 'Job 7 on cluster lab: its GPUs have been idle for 30m'
                          description: 'Every GPU allocated to Slurm job 7 (uid 1001) has reported 0% utilisation for at least 30m. See: jobstats 7'
            """);
        var test = await Tools.RunAsync("promtool", "test", "rules", root["/tests/rules-test.yml"]);
        Assert.True(test.Succeeded, test.StandardOutput + test.StandardError);
        Assert.Contains("SUCCESS", test.StandardOutput);
    }

    [Fact]
    public async Task Prometheus_yml_lists_the_rules_and_sends_to_the_inventorys_alertmanager()
    {
        var (root, rules, config) = await ApplyAsync("alerts:\n  alertmanager: https://am.example.org:9443/alertmanager\n");
        using var _ = root;
        string text = File.ReadAllText(config);
        Assert.Contains("rule_files:\n  - /etc/prometheus/jobstats-alerts.yml\n", text);
        Assert.Contains("    - scheme: https\n      path_prefix: '/alertmanager'\n      static_configs:\n        - targets: ['am.example.org:9443']\n", text);
        // promtool reads the rule file named in the config too: point it at the file inside the test root.
        File.WriteAllText(root["/promtool-check.yml"], text.Replace("/cm/shared/", root.Path + "/root/cm/shared/").Replace(Layout.PrometheusAlertRules, rules));
        var result = await Tools.RunAsync("promtool", "check", "config", root["/promtool-check.yml"]);
        Assert.True(result.Succeeded, result.StandardOutput + result.StandardError);
        Assert.Contains("1 rules found", result.StandardOutput);
    }

    [Fact]
    public async Task Without_an_alertmanager_the_config_has_no_alerting_section()
    {
        var (root, _, config) = await ApplyAsync("");
        using var _ = root;
        Assert.DoesNotContain("alerting:", File.ReadAllText(config));
    }
}
