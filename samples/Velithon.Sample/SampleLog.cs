namespace Velithon.Sample;

internal static partial class SampleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Report {Name} built")]
    public static partial void ReportBuilt(ILogger logger, string name);
}
