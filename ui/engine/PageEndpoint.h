#pragma once

// What the phone's web page sees of the program over QWebChannel (as "bridge"): the commands it is to
// carry out, and one method to report what happened. Nothing else: a script in the page cannot give the
// phone orders, since PhoneBridge's call-control slots are not on the channel.

#include <QObject>
#include <QString>
#include <QVariantMap>

namespace Engine {

class PhoneBridge;

class PageEndpoint : public QObject
{
    Q_OBJECT

public:
    // Passes bridge's commands to the page, and the page's reports to bridge.
    explicit PageEndpoint(PhoneBridge *bridge, QObject *parent = nullptr);

    // From the page: an event of the device or of a call (softphone.js lists them).
    Q_INVOKABLE void report(const QString &event, const QVariantMap &details);

Q_SIGNALS:
    // To the page: a command for the device (softphone.js lists them).
    void commandIssued(const QString &name, const QVariantMap &arguments);

private:
    PhoneBridge *m_bridge;
};

} // namespace Engine
