#pragma once

// Switchboard's own icon (window, taskbar, tray): a white handset on a green disc, drawn rather than
// shipped, so that it is sharp at every size a desktop asks for and needs no image plugin.

#include <QIcon>

namespace Ui {

class AppIcon
{
public:
    static QIcon icon();
    // The icon with a red badge counting what waits (missed calls, new messages); count 0: the icon.
    static QIcon withCount(int count);
};

} // namespace Ui
