#pragma once

// A stand-in for the phone's web page (softphone.js in QtWebEngine), for tests of PhoneBridge without a web
// engine: it sits on the same door the real page uses (PageEndpoint: commands in, reports out), keeps every
// command it hears, and answers some of them as a script says, the way the page's device would.

#include "ui/engine/PageEndpoint.h"
#include "ui/engine/PhoneBridge.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariantMap>

class ScriptedPage
{
public:
    using Report = QPair<QString, QVariantMap>;

    explicit ScriptedPage(Engine::PhoneBridge *bridge)
        : m_endpoint(bridge)
    {
        QObject::connect(&m_endpoint, &Engine::PageEndpoint::commandIssued, &m_context,
                         [this](const QString &name, const QVariantMap &arguments) {
                             commands.append({ name, arguments });
                             for (const Report &answer : m_script.value(name))
                                 say(answer.first, answer.second);
                         });
    }

    // The page has loaded and its channel is up, as softphone.js says it.
    void becomeReady(const QVariantMap &info = { { QStringLiteral("sdkVersion"), QStringLiteral("2.18.5") },
                                                 { QStringLiteral("isSupported"), true },
                                                 { QStringLiteral("isSecureContext"), true } })
    {
        say(QStringLiteral("pageReady"), info);
    }

    // From now on, the page answers every `command` with these reports, in order.
    void answer(const QString &command, const QList<Report> &reports) { m_script.insert(command, reports); }

    // The page reports an event, as softphone.js does through bridge.report().
    void say(const QString &event, const QVariantMap &details = {}) { m_endpoint.report(event, details); }

    QStringList commandNames() const
    {
        QStringList names;
        for (const Report &command : commands)
            names.append(command.first);
        return names;
    }

    QList<Report> commands; // every command the page heard, in order

private:
    QObject m_context; // the connection ends with the page
    Engine::PageEndpoint m_endpoint;
    QHash<QString, QList<Report>> m_script;
};
