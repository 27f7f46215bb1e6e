#pragma once

// One resource of the account that connecting may change, as Twilio's REST API reads it: a phone number
// (IncomingPhoneNumbers), a TwiML App (Applications) or an API key (Keys), with the fields that matter
// here under their form names (VoiceUrl, the name a POST sets), whatever the JSON calls them (voice_url).

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Setup {

struct RemoteResource
{
    enum class Kind { Number, Application, Key };

    Kind kind = Kind::Number;
    QString sid; // PN…, AP…, SK…
    QString label; // a number's E.164, else its friendly name
    QHash<QString, QString> fields; // form name -> value, for the fields fieldNames() lists

    // Nothing when json lacks a sid of the kind's form.
    static std::optional<RemoteResource> fromJson(Kind kind, const QJsonObject &json);
    // "IncomingPhoneNumbers/PN….json": the path below the account.
    QString resource() const { return resourceOf(kind, sid); }
    static QString resourceOf(Kind kind, const QString &sid);
    // The SID of a resource path below the account: "Keys/SK….json" is SK….
    static QString sidOf(const QString &resource);
    // "IncomingPhoneNumbers.json": the list, where a POST creates one.
    static QString listOf(Kind kind);
    // The list's array in Twilio's answer: "incoming_phone_numbers".
    static QString listKeyOf(Kind kind);
    // number, application, key: how TwilioChanges names the kind.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindNamed(const QString &name);
    // The fields a kind's setup reads and writes, by form name.
    static QStringList fieldNames(Kind kind);
};

} // namespace Setup
