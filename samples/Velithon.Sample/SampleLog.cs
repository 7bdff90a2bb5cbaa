namespace Velithon.Sample;

internal static partial class SampleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Report {Name} built")]
    public static partial void ReportBuilt(ILogger logger, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Velithon sample ready: {Url}/ lists the endpoints, {Url}/velithon/dashboard shows live memory charts, {Url}/health/memory the memory health")]
    public static partial void Ready(ILogger logger, string url);
}
