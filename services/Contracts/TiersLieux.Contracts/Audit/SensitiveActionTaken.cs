namespace TiersLieux.Contracts.Audit;

/// <summary>
/// Someone did something the network must be able to trace to them (GDPR accountability). Published by the service
/// that did it, in the transaction that did it; membership keeps the network's audit trail (append-only) and is its
/// only consumer. Carries ids, never a name or an email: an erased member's entries keep the fact, not the person.
/// Published by several services, so it lives under Audit rather than under one publisher.
/// </summary>
/// <param name="ActionId">The entry's id: a redelivered event is kept once.</param>
/// <param name="Service">The publisher: directory, equipment, booking (membership writes its own entries directly).</param>
/// <param name="Action">place-closed, label-decided, qualification-revoked, closure-cancelled-bookings (membership's own:
/// member-suspended, member-reinstated, member-erased, personal-data-exported, roles-changed, password-set-by-another,
/// lockout-lifted, subscription-cancelled-by-operator, identity-keys-rotated).</param>
/// <param name="ActorSubject">The token's subject: a member id for a person, a client id for a back-end.</param>
/// <param name="ActorRole">network-admin, place-operator, member or client: the highest the token carried.</param>
/// <param name="ObjectType">What was acted on: place, label-application, qualification, closure, member, subscription.</param>
/// <param name="MemberId">The member concerned, if any (a qualification's holder).</param>
/// <param name="PlaceIds">The places concerned: their operators read the entry.</param>
/// <param name="Outcome">What came of it, in a few words without personal data ("labelled", "3 bookings cancelled").</param>
public sealed record SensitiveActionTaken(
    Guid ActionId,
    string Service,
    string Action,
    string ActorSubject,
    string ActorRole,
    string ObjectType,
    string ObjectId,
    Guid? MemberId,
    IReadOnlyList<Guid> PlaceIds,
    string Outcome,
    DateTimeOffset OccurredAt);
