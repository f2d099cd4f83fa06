using Jobstats.Deploy.Bcm.ExcludeLists;
using Jobstats.Deploy.ImagingAudit.Accounts;

namespace Jobstats.Deploy.ImagingAudit;

/// <summary>The loaded inputs of one audit, shared by the checks, and the findings they add.</summary>
internal sealed class AuditContext
{
    private readonly List<AuditFinding> _findings = [];
    private readonly List<string> _notes = [];

    public AuditContext(AuditRequest request, IReadOnlyDictionary<ExcludeListKind, ExcludeList> lists, CancellationToken cancellation = default)
    {
        Request = request;
        Lists = lists;
        Image = new RootFileSystem(request.ImageRoot, "image", cancellation);
        Node = request.NodeRoot is null ? null : new RootFileSystem(request.NodeRoot, "node", cancellation);
        Shared = new RootFileSystem(request.SharedStorageRoot, "shared storage", cancellation);
        Identity = NodeIdentity.Detect(Node ?? Image, request.NodeAddresses);
        ImagePasswd = LoadAccounts(Image, "/etc/passwd", AccountFile.ParsePasswd);
        ImageGroup = LoadAccounts(Image, "/etc/group", AccountFile.ParseGroup);
        NodePasswd = Node is null ? null : LoadAccounts(Node, "/etc/passwd", AccountFile.ParsePasswd);
        NodeGroup = Node is null ? null : LoadAccounts(Node, "/etc/group", AccountFile.ParseGroup);
    }

    public AuditRequest Request { get; }

    public IReadOnlyDictionary<ExcludeListKind, ExcludeList> Lists { get; }

    public RootFileSystem Image { get; }

    public RootFileSystem? Node { get; }

    public RootFileSystem Shared { get; }

    public NodeIdentity Identity { get; }

    public AccountFile ImagePasswd { get; }

    public AccountFile ImageGroup { get; }

    public AccountFile? NodePasswd { get; }

    public AccountFile? NodeGroup { get; }

    public IReadOnlyList<AuditFinding> Findings => _findings;

    public IReadOnlyList<string> Notes => _notes;

    public IEnumerable<AuditedPath> OwnedPaths => Request.Paths.Where(p => p.Kind != AuditedPathKind.User);

    public bool IsOwned(string path) => OwnedPaths.Any(p => p.Path == path);

    public void Add(FindingGroup group, string path, Verdict verdict, string reason, string? component = null) =>
        _findings.Add(new AuditFinding(group, path, verdict, reason, component));

    public void Note(string note) => _notes.Add(note);

    private static AccountFile LoadAccounts(RootFileSystem root, string path, Func<string, string, AccountFile> parse)
    {
        var text = root.ReadText(path, 16 * 1024 * 1024)?.Text;
        return text is null ? AccountFile.Empty : parse(text, $"{root.Label}:{path}");
    }
}
