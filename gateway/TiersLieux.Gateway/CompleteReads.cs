using System.Buffers;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace TiersLieux.Gateway;

/// <summary>
/// A read's answer is taken whole from the replica (up to <see cref="MaxBufferedBytes"/>) before any of it reaches the
/// client. A replica that dies while answering, after its headers and before its last byte, then fails the forward
/// while nothing has been sent, and <see cref="IdempotentRetry"/> sends the read to another replica; streamed as it
/// came, the client would have had a cut answer. Longer answers stream from the buffered part on, as before.
/// </summary>
internal sealed class CompleteReadsHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const int MaxBufferedBytes = 1 << 20;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Get || response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified
            || response.Content.Headers.ContentLength is > MaxBufferedBytes)
        {
            return response;
        }

        var original = response.Content;
        var block = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var body = await original.ReadAsStreamAsync(cancellationToken);
            var received = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(block, cancellationToken)) > 0)
            {
                received.Write(block, 0, read);
                if (received.Length > MaxBufferedBytes)
                {
                    break;
                }
            }

            received.Position = 0;
            // Complete: the answer as bytes (its connection back in the pool). Too long: what came, then the rest as it comes.
            Stream content = read == 0 ? received : new PrefixedStream(received, body);
            response.Content = new StreamContent(content);
            foreach (var header in original.Headers)
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (read == 0)
            {
                original.Dispose();
            }

            return response;
        }
        catch (IOException error)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The destination ended its answer before its last byte.", error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>The bytes already read, then the rest of the destination's body.</summary>
    private sealed class PrefixedStream(MemoryStream prefix, Stream rest) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = prefix.Read(buffer);
            return read > 0 ? read : rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = prefix.Read(buffer.Span);
            return read > 0 ? read : await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                prefix.Dispose();
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>YARP's client factory, with reads completed before they are relayed (<see cref="CompleteReadsHandler"/>).</summary>
internal sealed class GatewayHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new CompleteReadsHandler(base.WrapHandler(context, handler));
}
