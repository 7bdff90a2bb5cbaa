namespace Velithon.Generators.Common;

/// <summary>Names given to pipeline steps with <c>WithTrackingName</c>, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string JsonTypes = nameof(JsonTypes);
    public const string JsonModels = nameof(JsonModels);
    public const string JsonDiagnostics = nameof(JsonDiagnostics);
    public const string JsonAssemblyDefaults = nameof(JsonAssemblyDefaults);
    public const string JsonGenericUses = nameof(JsonGenericUses);
    public const string JsonGenericUseSet = nameof(JsonGenericUseSet);
    public const string InternedTypes = nameof(InternedTypes);
    public const string InternedModels = nameof(InternedModels);
    public const string InternedDiagnostics = nameof(InternedDiagnostics);
    public const string InternedFiles = nameof(InternedFiles);
    public const string InternedFileSet = nameof(InternedFileSet);
    public const string InternedResolved = nameof(InternedResolved);
    public const string InternedFileDiagnostics = nameof(InternedFileDiagnostics);
    public const string InternedLanguage = nameof(InternedLanguage);
}
