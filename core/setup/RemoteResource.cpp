#include "core/setup/RemoteResource.h"

#include "core/config/TwilioAccount.h"

namespace Setup {
namespace {

struct FieldName
{
    const char *form;
    const char *json;
};

// One definition of each field's two names.
constexpr FieldName fieldTable[] = {
    { "FriendlyName", "friendly_name" },
    { "VoiceUrl", "voice_url" },
    { "VoiceMethod", "voice_method" },
    { "StatusCallback", "status_callback" },
    { "StatusCallbackMethod", "status_callback_method" },
    { "VoiceApplicationSid", "voice_application_sid" },
};

QString jsonNameOf(const QString &form)
{
    for (const FieldName &field : fieldTable)
        if (form == QLatin1String(field.form))
            return QString::fromLatin1(field.json);
    return {};
}

QString prefixOf(RemoteResource::Kind kind)
{
    switch (kind) {
    case RemoteResource::Kind::Number:
        return QStringLiteral("PN");
    case RemoteResource::Kind::Application:
        return QStringLiteral("AP");
    case RemoteResource::Kind::Key:
        return QStringLiteral("SK");
    }
    return {};
}

} // namespace

std::optional<RemoteResource> RemoteResource::fromJson(Kind kind, const QJsonObject &json)
{
    RemoteResource resource;
    resource.kind = kind;
    resource.sid = json.value(QLatin1String("sid")).toString();
    if (!Config::TwilioAccount::sidProblem(resource.sid, prefixOf(kind), QStringLiteral("sid")).isEmpty())
        return std::nullopt;
    for (const QString &name : fieldNames(kind))
        resource.fields.insert(name, json.value(jsonNameOf(name)).toString());
    resource.label = kind == Kind::Number ? json.value(QLatin1String("phone_number")).toString()
                                          : resource.fields.value(QStringLiteral("FriendlyName"));
    return resource;
}

QString RemoteResource::resourceOf(Kind kind, const QString &sid)
{
    QString list = listOf(kind);
    list.chop(int(sizeof(".json")) - 1);
    return list + u'/' + sid + QStringLiteral(".json");
}

QString RemoteResource::sidOf(const QString &resource)
{
    return resource.section(u'/', 1).section(u'.', 0, 0);
}

QString RemoteResource::listOf(Kind kind)
{
    switch (kind) {
    case Kind::Number:
        return QStringLiteral("IncomingPhoneNumbers.json");
    case Kind::Application:
        return QStringLiteral("Applications.json");
    case Kind::Key:
        return QStringLiteral("Keys.json");
    }
    return {};
}

QString RemoteResource::listKeyOf(Kind kind)
{
    switch (kind) {
    case Kind::Number:
        return QStringLiteral("incoming_phone_numbers");
    case Kind::Application:
        return QStringLiteral("applications");
    case Kind::Key:
        return QStringLiteral("keys");
    }
    return {};
}

QString RemoteResource::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Number:
        return QStringLiteral("number");
    case Kind::Application:
        return QStringLiteral("application");
    case Kind::Key:
        return QStringLiteral("key");
    }
    return {};
}

std::optional<RemoteResource::Kind> RemoteResource::kindNamed(const QString &name)
{
    for (const Kind kind : { Kind::Number, Kind::Application, Kind::Key })
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

QStringList RemoteResource::fieldNames(Kind kind)
{
    switch (kind) {
    case Kind::Number:
        return { QStringLiteral("VoiceUrl"), QStringLiteral("VoiceMethod"), QStringLiteral("StatusCallback"),
                 QStringLiteral("StatusCallbackMethod"), QStringLiteral("VoiceApplicationSid") };
    case Kind::Application:
        return { QStringLiteral("FriendlyName"), QStringLiteral("VoiceUrl"), QStringLiteral("VoiceMethod"),
                 QStringLiteral("StatusCallback"), QStringLiteral("StatusCallbackMethod") };
    case Kind::Key:
        return { QStringLiteral("FriendlyName") };
    }
    return {};
}

} // namespace Setup
