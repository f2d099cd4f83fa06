namespace Jobstats.Deploy;

/// <summary>
/// The command was asked for something the inventory or its options cannot give (an unknown category, a choice left
/// open, a missing input): the user fixes the command line, so jobstatsctl exits 2 as for an invalid inventory.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
