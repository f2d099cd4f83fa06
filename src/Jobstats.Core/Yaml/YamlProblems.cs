using YamlDotNet.RepresentationModel;

namespace Jobstats.Core.Yaml;

/// <summary>
/// Every problem found in one file, in the order found. Readers record and carry on with a default, so a user
/// fixes the whole file in one round instead of one error per run.
/// </summary>
public sealed class YamlProblems(string file)
{
    private readonly List<YamlProblem> _all = [];

    public string File { get; } = file;
    public IReadOnlyList<YamlProblem> All => _all;
    public int Count => _all.Count;

    public void Add(long line, string problem) => _all.Add(new YamlProblem(File, line, problem));

    public void Add(YamlNode node, string problem) => Add(node.Start.Line, problem);
}
