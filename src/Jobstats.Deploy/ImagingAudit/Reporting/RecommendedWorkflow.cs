namespace Jobstats.Deploy.ImagingAudit.Reporting;

/// <summary>The exact cmsh commands of the two ways software reaches a category's nodes.</summary>
internal static class RecommendedWorkflow
{
    /// <summary>Preferred: write into the image directory, then push the image to the category's nodes.</summary>
    /// <param name="imageRoot">The image directory that was audited (the one apply must write to), as given.</param>
    public static IReadOnlyList<WorkflowStep> ImagePath(string category, string imageRoot) =>
    [
        new("Confirm which software image the category uses", $"cmsh -c \"category; use {category}; get softwareimage\""),
        new($"Install into the image directory {imageRoot} (inventory target kind: image, root: {imageRoot})",
            "jobstatsctl apply -i INVENTORY"),
        new("Re-run this audit on the image; continue only when it reports no blocking finding",
            $"jobstatsctl audit-image -i INVENTORY --category {category}"),
        new("If the image changed in the last 5 minutes, push it to the provisioning nodes first",
            "cmsh -c \"softwareimage; updateprovisioners\""),
        new("Dry run: see what imageupdate would change on the category's nodes (the sync log shows rsync's plan)",
            $"cmsh -c \"device; imageupdate -c {category}\""),
        new("Update the running nodes from the image", $"cmsh -c \"device; imageupdate -c {category} -w\""),
    ];

    /// <summary>Supported: install on one representative node, then grab it back into its image.</summary>
    public static IReadOnlyList<WorkflowStep> GrabPath(string category, string? node)
    {
        var source = node ?? "<node>";
        return
        [
            new("Audit the node you will grab from: run on that node with its / as node root and the image root and lists reachable (or point --node-root at a copy of its root)",
                $"jobstatsctl audit-image -i INVENTORY --category {category} --node-root /"),
            new("Dry run: see what grabimage would copy from the node into its image", $"cmsh -c \"device; grabimage {source}\""),
            new("Grab the node into its image", $"cmsh -c \"device; grabimage -w {source}\""),
            new("Then push the image to the other nodes as in the image path",
                $"cmsh -c \"device; imageupdate -c {category}\" && cmsh -c \"device; imageupdate -c {category} -w\""),
        ];
    }
}
