// switchboard-server: the webhook and token server and its admin commands, for a machine without a
// desktop. It links the core library and the command line only: no Widgets, no web engine.

#include "app/CommandLine.h"

int main(int argc, char **argv)
{
    App::CommandLine::prepare(QStringLiteral("switchboard-server"));
    return App::CommandLine::run(
        argc, argv,
        QStringLiteral("Usage: switchboard-server [--database URL] [--verbose] COMMAND [OPTIONS]\n"
                       "\n"
                       "Switchboard's server for a team: it issues the phones' access tokens, answers\n"
                       "Twilio's voice webhooks and keeps the call log, without a window. The desktop\n"
                       "app, switchboard, takes the same commands.\n"));
}
