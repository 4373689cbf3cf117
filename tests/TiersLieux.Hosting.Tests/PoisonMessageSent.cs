namespace TiersLieux.Hosting.Tests;

public sealed record PoisonMessageSent(Guid Id);
