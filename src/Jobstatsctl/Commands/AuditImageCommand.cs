using System.CommandLine;

namespace Jobstatsctl.Commands;

/// <summary>
/// The command line of <c>audit-image</c> per the contract. The engine (src/Jobstats.Deploy/ImagingAudit, issue 6)
/// consumes the deployment model from <see cref="LoadedDeployment"/>: each HostDeployment's resources with
/// Path, Kind, Owner, Group, Mode, Component and Role. Wire it in <see cref="RunAsync"/>.
/// </summary>
internal static class AuditImageCommand
{
    public static Command Create()
    {
        var inventory = CommonOptions.Inventory();
        var category = new Option<string?>("--category") { Description = "BCM category whose image and exclude lists to audit" };
        var imageRoot = new Option<DirectoryInfo?>("--image-root") { Description = "Offline: the software image directory" };
        var excludeLists = new Option<FileInfo?>("--exclude-lists") { Description = "Offline: file holding the category's exclude lists" };
        var nodeRoot = new Option<DirectoryInfo?>("--node-root") { Description = "A live node's root to compare with the image" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("audit-image", """
            Check, before grabimage or imageupdate, that every file of the deployment reaches the nodes and that
            nothing host-specific or secret rides along. Exit 3 on a blocking finding.

            Examples:
              jobstatsctl audit-image -i cluster.yaml --category dgx
              jobstatsctl audit-image -i cluster.yaml --image-root /cm/images/dgx-image --exclude-lists lists.txt --json
            """) { inventory, category, imageRoot, excludeLists, nodeRoot, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => RunAsync(parse, inventory, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<FileInfo> inventory, CancellationToken ct)
    {
        _ = await LoadedDeployment.LoadAsync(parse.GetValue(inventory)!, ct);
        Console.Error.WriteLine("error: the imaging audit engine is not part of this build");
        return ExitCodes.Failure;
    }
}
