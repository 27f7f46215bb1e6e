#pragma once

// What Switchboard found in a Twilio account before changing anything (AccountConnector::look): the
// account, its phone numbers, and the TwiML App and API key it would use again.

#include "core/setup/AccountFacts.h"
#include "core/setup/RemoteResource.h"

#include <QList>

#include <optional>

namespace Setup {

struct AccountLook
{
    AccountFacts account;
    QList<RemoteResource> numbers; // every page of IncomingPhoneNumbers, by number
    // The TwiML App to use again: one this setup created, the one the settings name, or one called
    // "Switchboard"; nothing, and connecting creates one.
    std::optional<RemoteResource> app;
    bool appCreatedHere = false; // app is one this setup created (disconnecting deletes it)
    // The API key the phones' tokens are signed with, when it exists at Twilio and its secret is kept here;
    // nothing, and connecting creates one (unless the sign-in is itself an API key, which is used).
    std::optional<RemoteResource> key;
    // Signed in with an API key (SK…) rather than the auth token: Twilio lets only the account's own
    // credentials make keys, so that key signs the tokens.
    QString signInKeySid;
};

} // namespace Setup
