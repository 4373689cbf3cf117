using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TiersLieux.Hosting.Telemetry.Otlp;

namespace TiersLieux.Hosting.Telemetry;

/// <summary>Where the dashboard receives OTLP (Aspire's ports by default) and the key exporters must send, if any.</summary>
public sealed record OtlpSettings(int GrpcPort, int HttpPort, string? ApiKey)
{
    public const string ApiKeyHeader = "x-otlp-api-key";

    public bool Accepts(string? key) =>
        ApiKey is null || (key is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(ApiKey)));
}

/// <summary>OTLP over HTTP/protobuf: <c>POST /v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c> on the HTTP port.</summary>
public static class OtlpHttpReceiver
{
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    public static void MapOtlpHttp(this IEndpointRouteBuilder app, TelemetryStore store, OtlpSettings settings)
    {
        var host = $"*:{settings.HttpPort}";
        app.MapPost("/v1/traces", (HttpRequest request) => ReceiveAsync(request, settings, ExportTraceServiceRequest.Parser, store.Add, new ExportTraceServiceResponse())).RequireHost(host);
        app.MapPost("/v1/logs", (HttpRequest request) => ReceiveAsync(request, settings, ExportLogsServiceRequest.Parser, store.Add, new ExportLogsServiceResponse())).RequireHost(host);
        app.MapPost("/v1/metrics", (HttpRequest request) => ReceiveAsync(request, settings, ExportMetricsServiceRequest.Parser, store.Add, new ExportMetricsServiceResponse())).RequireHost(host);
    }

    private static async Task<IResult> ReceiveAsync<TRequest>(HttpRequest request, OtlpSettings settings, MessageParser<TRequest> parser, Action<TRequest> add, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (!settings.Accepts(request.Headers[OtlpSettings.ApiKeyHeader]))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "OTLP API key missing or wrong", detail: $"Send the dashboard's key in {OtlpSettings.ApiKeyHeader}.");
        }

        if (request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Only OTLP/HTTP protobuf is received here", detail: "Content-Type: application/x-protobuf.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Export too large");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        TRequest message;
        try
        {
            message = parser.ParseFrom(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (InvalidProtocolBufferException error)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an OTLP protobuf message", detail: error.Message);
        }

        add(message);
        return Results.Bytes(response.ToByteArray(), "application/x-protobuf");
    }
}

/// <summary>OTLP over gRPC (the .NET SDK's default protocol), with the same key in the call's metadata.</summary>
public sealed class OtlpTraceReceiver(TelemetryStore store, OtlpSettings settings) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        OtlpGrpc.Authorize(settings, context);
        store.Add(request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

public sealed class OtlpLogsReceiver(TelemetryStore store, OtlpSettings settings) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        OtlpGrpc.Authorize(settings, context);
        store.Add(request);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}

public sealed class OtlpMetricsReceiver(TelemetryStore store, OtlpSettings settings) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        OtlpGrpc.Authorize(settings, context);
        store.Add(request);
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}

internal static class OtlpGrpc
{
    public static void Authorize(OtlpSettings settings, ServerCallContext context)
    {
        if (!settings.Accepts(context.RequestHeaders.GetValue(OtlpSettings.ApiKeyHeader)))
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, $"Send the dashboard's OTLP key in {OtlpSettings.ApiKeyHeader}."));
        }
    }

    public static void MapOtlpGrpc(this IEndpointRouteBuilder app, OtlpSettings settings)
    {
        var host = $"*:{settings.GrpcPort}";
        app.MapGrpcService<OtlpTraceReceiver>().RequireHost(host);
        app.MapGrpcService<OtlpLogsReceiver>().RequireHost(host);
        app.MapGrpcService<OtlpMetricsReceiver>().RequireHost(host);
    }
}
