using System.Text.Json.Serialization;
using Jobstats.Deploy.Engine;

namespace Jobstats.Deploy.State;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(HostRegistry))]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(VerifyDocument))]
public sealed partial class DeployJsonContext : JsonSerializerContext;
