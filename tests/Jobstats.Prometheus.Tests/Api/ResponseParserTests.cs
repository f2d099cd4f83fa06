using Jobstats.Prometheus.Api;

namespace Jobstats.Prometheus.Tests.Api;

public class ResponseParserTests
{
    [Fact]
    public void Reads_a_vector()
    {
        var series = ResponseParser.Parse("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"instance":"dgx-001:9306","minor_number":"3"},"value":[1730214578.123,"98.6"]},
              {"metric":{"instance":"dgx-002:9306"},"value":[1730214578,"NaN"]}]}}
            """);
        Assert.Equal(2, series.Count);
        Assert.Equal("dgx-001:9306", series[0].Label("instance"));
        Assert.Equal("3", series[0].Label("minor_number"));
        Assert.Equal("", series[1].Label("minor_number"));
        Assert.Equal(98.6, series[0].Samples[0].Value.Value);
        Assert.True(double.IsNaN(series[1].Samples[0].Value.Value));
    }

    [Fact]
    public void Reads_the_value_of_a_matrix_not_its_timestamp()
    {
        var series = ResponseParser.Parse("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"instance":"n1:9306"},"values":[[100,"1"],[130,"2.5e+00"]]}]}}
            """);
        Assert.Equal([1d, 2.5], series[0].Samples.Select(s => s.Value.Value));
        Assert.Equal(130d, series[0].Samples[1].Time);
    }

    [Fact]
    public void Reads_a_scalar() =>
        Assert.Equal(7d, ResponseParser.Parse("""{"status":"success","data":{"resultType":"scalar","result":[1,"7"]}}""")[0].Samples[0].Value.Value);

    [Fact]
    public void An_empty_result_is_no_series() =>
        Assert.Empty(ResponseParser.Parse("""{"status":"success","data":{"resultType":"vector","result":[]}}"""));

    [Fact]
    public void Error_status_carries_the_prometheus_message()
    {
        var e = Assert.Throws<PrometheusException>(() => ResponseParser.Parse(
            """{"status":"error","errorType":"bad_data","error":"parse error at char 5: unexpected \"}\""}"""));
        Assert.Contains("bad_data", e.Message);
        Assert.Contains("parse error at char 5", e.Message);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", "not JSON")]
    [InlineData("{\"status\":\"success\"", "not JSON")]
    [InlineData("[]", "without a status")]
    [InlineData("{\"status\":\"success\"}", "without data.result")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}", "unexpected result type")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}", "no value")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1]}]}}", "pair")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,2]}]}}", "not a string")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"x\"]}]}}", "not a sample value")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"instance\":5},\"value\":[1,\"1\"]}]}}", "label \"instance\" is not a string")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"jobid\":null},\"value\":[1,\"1\"]}]}}", "label \"jobid\" is not a string")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[7]}}", "not an object")]
    [InlineData("{\"status\":7}", "status")]
    [InlineData("{\"status\":\"error\",\"error\":{}}", "refused")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":1,\"result\":[]}}", "result type")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[{},\"1\"]}]}}", "time")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[\"soon\",\"1\"]}]}}", "time")]
    public void Malformed_responses_are_clear_errors(string body, string reason)
    {
        var e = Assert.Throws<PrometheusException>(() => ResponseParser.Parse(body));
        Assert.Contains(reason, e.Message);
    }
}
