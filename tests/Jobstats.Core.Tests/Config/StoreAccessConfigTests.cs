using Jobstats.Core.Config;

namespace Jobstats.Core.Tests.Config;

/// <summary>The credentials and CA of the stores jobstats asks: per cluster, named by file, never inline.</summary>
public class StoreAccessConfigTests
{
    [Fact]
    public void Each_cluster_gets_its_own_url_credentials_and_ca_and_the_others_the_prometheus_sections()
    {
        var config = ConfigLoader.Parse("""
            prometheus:
              url: https://prometheus.site:9090
              basic_auth: {username: jobstats, password_file: /etc/jobstats/prometheus.password}
              ca_file: /etc/jobstats/site-ca.pem
            clusters:
              della:
                prometheus_url: https://vm.site/select/0/prometheus/
                bearer_token_file: /etc/jobstats/della.token
                ca_file: /etc/jobstats/vm-ca.pem
              tiger:
                prometheus_url: http://tiger-prom:9090
            """, "j.yaml");

        Assert.Equal(new PrometheusAccess("https://vm.site/select/0/prometheus", "/etc/jobstats/della.token", null, "/etc/jobstats/vm-ca.pem"),
            config.PrometheusFor("della"));
        // tiger has its own URL and no credentials: the site Prometheus' password is not sent there.
        Assert.Equal(new PrometheusAccess("http://tiger-prom:9090"), config.PrometheusFor("tiger"));
        Assert.Equal(new PrometheusAccess("https://prometheus.site:9090", null,
            new BasicAuthSettings("jobstats", "/etc/jobstats/prometheus.password"), "/etc/jobstats/site-ca.pem"), config.PrometheusFor("other"));
    }

    [Fact]
    public void Inline_secrets_relative_paths_and_two_kinds_of_credentials_are_refused_each_with_its_line()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""
            prometheus:
              bearer_token: abc
              basic_auth: {username: jobstats, password: hunter2}
            clusters:
              della:
                prometheus_url: http://vm:8428
                bearer_token_file: token
              tiger:
                bearer_token_file: /etc/jobstats/tiger.token
              adroit:
                prometheus_url: http://vm:8428
                bearer_token_file: /etc/jobstats/adroit.token
                basic_auth: {password_file: /etc/jobstats/adroit.pw}
            """, "j.yaml"));
        string all = string.Join("\n", e.Problems.Select(p => p.ToString()));
        Assert.Contains("j.yaml:2: 'prometheus.bearer_token': secrets are never written in the config file", all);
        Assert.Contains("j.yaml:3: 'prometheus.basic_auth.password': passwords are never written", all);
        Assert.Contains("j.yaml:3: 'prometheus.basic_auth.password_file' is required", all);
        Assert.Contains("j.yaml:7: 'clusters.della.bearer_token_file' must be an absolute path, not 'token'", all);
        Assert.Contains("j.yaml:9: 'clusters.tiger': credentials and ca_file need the cluster's own prometheus_url", all);
        Assert.Contains("j.yaml:13: 'clusters.adroit.basic_auth.username' is required", all);
        Assert.Contains("j.yaml:13: 'clusters.adroit': give bearer_token_file or basic_auth, not both", all);
        Assert.DoesNotContain("hunter2", all);
        Assert.DoesNotContain("abc", all);
    }
}
