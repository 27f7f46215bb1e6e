#include "core/simulator/CallSimulator.h"

#include "core/simulator/SimulatorLogging.h"
#include "core/simulator/TwilioParameters.h"
#include "core/simulator/WebhookClient.h"

#include <cmath>

namespace Simulator {
namespace {

SimulatorSettings completed(SimulatorSettings settings)
{
    if (settings.accountSid.isEmpty())
        settings.accountSid = TwilioParameters::newSid(QStringLiteral("AC"));
    if (settings.applicationSid.isEmpty())
        settings.applicationSid = TwilioParameters::newSid(QStringLiteral("AP"));
    if (!std::isfinite(settings.timeScale) || settings.timeScale <= 0) {
        qCWarning(lcSimulator) << "time scale" << settings.timeScale << "is not a positive number; using 1";
        settings.timeScale = 1.0;
    }
    return settings;
}

} // namespace

CallSimulator::CallSimulator(SimulatorSettings settings, ClientDevice *device, QObject *parent)
    : QObject(parent)
    , m_settings(completed(std::move(settings)))
    , m_device(device)
    , m_webhooks(new WebhookClient(m_settings, this))
{ }

CallSimulator::~CallSimulator()
{
    // The calls before the network: replies aborted by its end must find no call waiting for them.
    qDeleteAll(findChildren<SimulatedCall *>(QString(), Qt::FindDirectChildrenOnly));
}

SimulatedCall *CallSimulator::placeIncoming(const QString &from, const QString &to)
{
    const auto parameters = TwilioParameters::incomingCall(
        m_settings.accountSid, TwilioParameters::newSid(QStringLiteral("CA")), from, to, m_settings.region);
    return new SimulatedCall(m_settings, m_webhooks, m_device, SimulatedCall::Direction::Incoming,
                             m_settings.incomingPath, parameters, parameters, this);
}

SimulatedCall *CallSimulator::placeOutgoing(const QString &clientName, const QString &to,
                                            const Webhook::FormParameters &parameters)
{
    auto call
        = TwilioParameters::outgoingCall(m_settings.accountSid, m_settings.applicationSid,
                                         TwilioParameters::newSid(QStringLiteral("CA")), clientName, to);
    // The Voice SDK's convention passes the destination as To, which becomes the call's To; the other
    // parameters come after Twilio's own, which they never replace.
    if (parameters.contains(QStringLiteral("To")))
        call.set(QStringLiteral("To"), parameters.value(QStringLiteral("To")));
    Webhook::FormParameters firstRequest = call;
    for (const auto &[name, value] : parameters.pairs()) {
        if (name != QLatin1String("To"))
            firstRequest.append(name, value);
    }
    return new SimulatedCall(m_settings, m_webhooks, m_device, SimulatedCall::Direction::Outgoing,
                             m_settings.outgoingPath, firstRequest, call, this);
}

} // namespace Simulator
