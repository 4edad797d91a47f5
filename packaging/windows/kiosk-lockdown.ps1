<#
.SYNOPSIS
    Locks a Windows 10/11 machine down as an FAQ Kiosk (Shell Launcher + Keyboard Filter),
    or undoes it with -Remove.

.DESCRIPTION
    For Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher and Keyboard
    Filter are not available on Home or Pro). Run it in Windows PowerShell 5.1 as an
    Administrator, after installing FAQ Kiosk. Running it again is safe: every step checks
    the current state first and changes only what differs.

    What it does:
      1. Turns on the optional features Client-EmbeddedShellLauncher and
         Client-KeyboardFilter (Enable-WindowsOptionalFeature). Keyboard Filter needs a
         restart before it can be configured: the script says so; restart and run it again.
      2. Creates the local kiosk account (a standard user, member of Users only), or uses
         the existing one.
      3. Shell Launcher (WMI class WESL_UserSetting in root\standardcimv2\embedded):
         faq-kiosk.exe is the kiosk account's shell and is restarted whenever it exits,
         except for exit code 3010, which the FAQ Kiosk installer uses when it stops the
         kiosk to upgrade or uninstall it (that code maps to "do nothing", so the old
         kiosk is not restarted while its files are replaced; setup then asks for a
         restart). Administrators (S-1-5-32-544) and every other account get
         explorer.exe. Shell Launcher is then enabled. This uses the WESL_UserSetting
         interface (Shell Launcher v1), which is all a desktop app needs; devices managed
         with the AssignedAccess CSP (Shell Launcher v2) should set the same there.
      4. Keyboard Filter (WMI classes WEKF_PredefinedKey and WEKF_Settings): blocks the
         Windows keys, Ctrl+Alt+Del, Ctrl+Shift+Esc (Task Manager), Alt+Tab, Alt+F4,
         Ctrl+Esc, Win+L, the Win+<key> shortcuts, the browser and app-launch keys, for
         every account except administrators. The kiosk itself already ignores Escape,
         Alt+F4, Ctrl+Q and Ctrl+W; Keyboard Filter also stops the keys Windows handles
         before the app sees them. Arrow keys, Tab, Enter, Space, Backspace, F1, ?, + and
         - (the kiosk's keypad), the volume keys and the staff chord Ctrl+Alt+Shift+S
         stay usable. Ease of Access stays available unless -ForceOffAccessibility.

    Changes take effect at the kiosk account's next sign-in. Sign in as an administrator
    to service the machine: on the kiosk account's session, press the Keyboard Filter
    breakout key (by default a Windows logo key) five times, with a short pause between
    presses, to get to the Welcome screen.

    -Remove removes the Shell Launcher entries this script made (and disables Shell
    Launcher if no other entry is left) and unblocks the keys it blocked. It keeps the
    kiosk account and the optional features unless -DisableFeatures is given.

.PARAMETER UserName
    The local kiosk account. Created if missing (then -Password is used, or asked for).
    Default: kiosk.

.PARAMETER Password
    Password for a kiosk account this script creates. Ignored when the account exists.
    If omitted and the account is created, the script asks for it.

.PARAMETER AppPath
    Full path of faq-kiosk.exe. Default: "$env:ProgramFiles\FAQ Kiosk\faq-kiosk.exe",
    where the installer puts it.

.PARAMETER AllowCtrlAltDel
    Leave Ctrl+Alt+Del unblocked (the Windows Security screen offers Task Manager and
    sign-out to anyone at the keyboard).

.PARAMETER ForceOffAccessibility
    Also stop users turning on Ease of Access features (Keyboard Filter's
    ForceOffAccessibility). Off by default: visitors may need them, though Microsoft notes
    that Sticky Keys can get around Keyboard Filter in some situations.

.PARAMETER Remove
    Undo the lock-down instead of applying it.

.PARAMETER DisableFeatures
    With -Remove: also turn the Shell Launcher and Keyboard Filter features off (needs a
    restart).

.EXAMPLE
    PS C:\> powershell -ExecutionPolicy Bypass -File "C:\Program Files\FAQ Kiosk\tools\kiosk-lockdown.ps1"

    Locks the machine down for the account "kiosk" (asks for its password if it has to
    create it). Restart, run it again to finish Keyboard Filter, then restart.

.EXAMPLE
    PS C:\> .\kiosk-lockdown.ps1 -UserName frontdesk -WhatIf

    Shows what would change for the account "frontdesk", changing nothing.

.EXAMPLE
    PS C:\> .\kiosk-lockdown.ps1 -UserName frontdesk -Remove

    Gives "frontdesk" the normal Explorer shell and unblocks the keys again.

.NOTES
    Exit codes: 0 done (read the last lines: a restart may still be needed), 1 error.
    Microsoft documentation: "Shell Launcher", "WESL_UserSetting", "Keyboard Filter",
    "WEKF_PredefinedKey", "WEKF_Settings", "Predefined key combinations".
#>
#Requires -Version 5.1
#Requires -RunAsAdministrator
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateNotNullOrEmpty()]
    [string] $UserName = 'kiosk',

    [securestring] $Password,

    [ValidateNotNullOrEmpty()]
    [string] $AppPath = (Join-Path $env:ProgramFiles 'FAQ Kiosk\faq-kiosk.exe'),

    [switch] $AllowCtrlAltDel,

    [switch] $ForceOffAccessibility,

    [switch] $Remove,

    [switch] $DisableFeatures
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Namespace = 'root\standardcimv2\embedded'
$Features = @('Client-EmbeddedShellLauncher', 'Client-KeyboardFilter')
$AdminsSid = 'S-1-5-32-544'   # BUILTIN\Administrators
$UsersSid = 'S-1-5-32-545'    # BUILTIN\Users
$DefaultShell = 'explorer.exe'

# Shell Launcher exit actions (WESL_UserSetting.SetCustomShell).
$RestartShell = 0
$DoNothing = 3
# The exit code the FAQ Kiosk installer gives the kiosk when it stops it for an upgrade or
# an uninstall (faq-kiosk.iss, StoppedExitCode). 3010 reads as "restart required".
$StoppedByInstallerCode = 3010

# Keyboard Filter predefined key combinations to block (WEKF_PredefinedKey.Id, exactly as
# Microsoft's "Predefined key combinations" lists them).
$BlockedKeys = @(
    # Security
    'Ctrl+Alt+Del', 'Shift+Ctrl+Esc', 'Win+L',
    # Application
    'Alt+F4', 'Ctrl+F4', 'Win+F1',
    # Shell
    'Alt+Space', 'Ctrl+Esc', 'Ctrl+Win+F', 'Win+Break', 'Win+E', 'Win+F', 'Win+P', 'Win+R',
    'Alt+Tab', 'Ctrl+Tab', 'Win+Tab', 'Win+D', 'Win+M', 'Win+Home', 'Win+T', 'Win+B',
    'Win+-', 'Win++', 'Win+Esc', 'Win+Up', 'Win+Down', 'Win+Left', 'Win+Right',
    'Win+Shift+Up', 'Win+Shift+Down', 'Win+Shift+Left', 'Win+Shift+Right', 'Win+Space',
    'Win+O', 'Win+PageUp', 'Win+PageDown', 'Win+.', 'Win+C', 'Win+I', 'Win+K', 'Win+H',
    'Win+Q', 'Win+W', 'Win+Z', 'Win+/', 'Win+J', 'Win+,', 'Win+V',
    # Accessibility: Win+U opens Settings (a way out); the other accessibility keys stay.
    'Win+U',
    # Modifier keys: the Windows logo keys and the Application (context menu) key.
    'Windows', 'Application',
    # Extended shell, browser and Surface keys: each can start another program.
    'LaunchMail', 'LaunchMediaSelect', 'LaunchApp1', 'LaunchApp2',
    'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserStop', 'BrowserSearch',
    'BrowserFavorites', 'BrowserHome',
    'AltWin', 'CtrlWin', 'ShiftWin', 'F21'
)
if ($AllowCtrlAltDel) {
    $BlockedKeys = @($BlockedKeys | Where-Object { $_ -ne 'Ctrl+Alt+Del' })
}

$script:RestartNeeded = $false
$script:RunAgain = $false

function Write-Step {
    param([string] $Message)
    Write-Host "kiosk-lockdown: $Message"
}

function Test-ShellLauncherLicense {
    # Shell Launcher's own licence check (Microsoft's sample): false on Home and Pro.
    $source = @'
using System;
using System.Runtime.InteropServices;
public static class FaqKioskShellLauncherLicense {
    [DllImport("Slc.dll")]
    private static extern int SLGetWindowsInformationDWORD(
        [MarshalAs(UnmanagedType.LPWStr)] string valueName, out int value);
    public static bool IsEnabled() {
        int enabled = 0;
        if (SLGetWindowsInformationDWORD("EmbeddedFeature-ShellLauncher-Enabled", out enabled) != 0) {
            enabled = 0;
        }
        return enabled != 0;
    }
}
'@
    if (-not ('FaqKioskShellLauncherLicense' -as [type])) {
        Add-Type -TypeDefinition $source
    }
    return [FaqKioskShellLauncherLicense]::IsEnabled()
}

function Set-FeatureState {
    param([string] $Name, [bool] $Enabled)
    $feature = Get-WindowsOptionalFeature -Online -FeatureName $Name
    if ($null -eq $feature) {
        throw "Windows has no optional feature '$Name': this needs Windows 10/11 Enterprise, Education or IoT Enterprise."
    }
    $state = "$($feature.State)"
    if (($Enabled -and $state -eq 'EnablePending') -or (-not $Enabled -and $state -eq 'DisablePending')) {
        Write-Step "feature $Name is $state (waiting for a restart)"
        $script:RestartNeeded = $true
        return
    }
    if (($state -eq 'Enabled') -eq $Enabled) {
        Write-Step "feature $Name is already $state"
        return
    }
    if ($Enabled) {
        if ($PSCmdlet.ShouldProcess($Name, 'Enable-WindowsOptionalFeature')) {
            $result = Enable-WindowsOptionalFeature -Online -FeatureName $Name -All -NoRestart
            Write-Step "turned on feature $Name"
            if ($result.RestartNeeded) { $script:RestartNeeded = $true }
        }
    }
    elseif ($PSCmdlet.ShouldProcess($Name, 'Disable-WindowsOptionalFeature')) {
        $result = Disable-WindowsOptionalFeature -Online -FeatureName $Name -NoRestart
        Write-Step "turned off feature $Name"
        if ($result.RestartNeeded) { $script:RestartNeeded = $true }
    }
}

function Test-WmiClass {
    param([string] $ClassName)
    $class = Get-CimClass -Namespace $Namespace -ClassName $ClassName -ErrorAction SilentlyContinue
    return $null -ne $class
}

function Test-Administrator {
    param([string] $Sid)
    try {
        $members = @(Get-LocalGroupMember -SID $AdminsSid | ForEach-Object { $_.SID.Value })
        return $Sid -in $members
    }
    catch {
        # Get-LocalGroupMember fails on groups holding orphaned or cloud SIDs.
        Write-Warning "could not list the Administrators group ($($_.Exception.Message)); make sure $UserName is not an administrator"
        return $false
    }
}

function Initialize-KioskUser {
    $user = Get-LocalUser -Name $UserName -ErrorAction SilentlyContinue
    if ($null -eq $user) {
        if (-not $PSCmdlet.ShouldProcess($UserName, 'create local user')) {
            return $null
        }
        $secret = $Password
        if ($null -eq $secret) {
            $secret = Read-Host -AsSecureString "Password for the new local account '$UserName'"
        }
        $user = New-LocalUser -Name $UserName -Password $secret -FullName 'FAQ Kiosk' `
            -Description 'Signs in to the FAQ Kiosk (Shell Launcher shell: faq-kiosk.exe)' `
            -PasswordNeverExpires -UserMayNotChangePassword -AccountNeverExpires
        Write-Step "created local account $UserName"
    }
    else {
        Write-Step "using existing account $UserName"
        if (Test-Administrator -Sid $user.SID.Value) {
            throw "$UserName is an administrator: Shell Launcher would give it Explorer and Keyboard Filter would not apply. Use a standard account."
        }
    }
    if ($PSCmdlet.ShouldProcess($UserName, 'add to BUILTIN\Users')) {
        $addErrors = $null
        Add-LocalGroupMember -SID $UsersSid -Member $user -ErrorAction SilentlyContinue -ErrorVariable addErrors
        foreach ($problem in @($addErrors)) {
            if ($problem.Exception.GetType().Name -ne 'MemberExistsException') {
                throw $problem.Exception
            }
        }
    }
    return $user.SID.Value
}

function Grant-PinFileRead {
    # The installer makes the staff PIN file readable by SYSTEM and administrators only;
    # the kiosk account must read it too, and no one else.
    param([string] $Sid)
    $pinFile = Join-Path $env:ProgramData 'FaqKiosk\staff-pin'
    if (-not (Test-Path -LiteralPath $pinFile -PathType Leaf)) {
        Write-Warning "$pinFile not found: run the FAQ Kiosk installer first, then this script again"
        return
    }
    if ($PSCmdlet.ShouldProcess($pinFile, "grant $UserName read")) {
        & icacls.exe $pinFile /grant "*${Sid}:R" | Out-Null
        if ($LASTEXITCODE -ne 0) {
            throw "icacls could not let $UserName read $pinFile (exit code $LASTEXITCODE)"
        }
        Write-Step "the staff PIN file is readable by $UserName (and administrators) only"
    }
}

function Get-CustomShell {
    param([string] $Sid)
    return Get-CimInstance -Namespace $Namespace -ClassName WESL_UserSetting |
        Where-Object { $_.Sid -eq $Sid } | Select-Object -First 1
}

function Get-OutValue {
    # An output parameter of a WMI method result, or $null (strict mode would throw on a
    # missing property).
    param($Result, [string] $Name)
    $property = $Result.PSObject.Properties[$Name]
    if ($null -eq $property) {
        return $null
    }
    return $property.Value
}

function Assert-WmiResult {
    param($Result, [string] $What)
    $code = Get-OutValue $Result 'ReturnValue'
    if ($null -ne $code -and $code -ne 0) {
        throw ('{0} failed: 0x{1:X8}' -f $What, $code)
    }
}

function Set-CustomShell {
    param([string] $Sid, [string] $Shell, [int[]] $Codes, [int[]] $Actions, [int] $Default)
    $current = Get-CustomShell -Sid $Sid
    if ($null -ne $current) {
        $same = ($current.Shell -eq $Shell) -and ($current.DefaultAction -eq $Default) -and
            ("$($current.CustomReturnCodes)" -eq "$Codes") -and
            ("$($current.CustomReturnCodesAction)" -eq "$Actions")
        if ($same) {
            Write-Step "Shell Launcher entry for $Sid is already $Shell"
            return
        }
    }
    if (-not $PSCmdlet.ShouldProcess("$Sid -> $Shell", 'WESL_UserSetting.SetCustomShell')) {
        return
    }
    if ($null -ne $current) {
        $result = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting `
            -MethodName RemoveCustomShell -Arguments @{ Sid = $Sid }
        Assert-WmiResult $result "RemoveCustomShell($Sid)"
    }
    $arguments = @{ Sid = $Sid; Shell = $Shell; DefaultAction = $Default }
    if ($Codes.Count -gt 0) {
        $arguments.CustomReturnCodes = $Codes
        $arguments.CustomReturnCodesAction = $Actions
    }
    $result = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting `
        -MethodName SetCustomShell -Arguments $arguments
    Assert-WmiResult $result "SetCustomShell($Sid)"
    Write-Step "Shell Launcher: $Sid -> $Shell"
}

function Remove-CustomShell {
    param([string] $Sid)
    if ($null -eq (Get-CustomShell -Sid $Sid)) {
        Write-Step "no Shell Launcher entry for $Sid"
        return
    }
    if ($PSCmdlet.ShouldProcess($Sid, 'WESL_UserSetting.RemoveCustomShell')) {
        $result = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting `
            -MethodName RemoveCustomShell -Arguments @{ Sid = $Sid }
        Assert-WmiResult $result "RemoveCustomShell($Sid)"
        Write-Step "removed the Shell Launcher entry for $Sid"
    }
}

function Set-ShellLauncherEnabled {
    param([bool] $Enabled)
    $state = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting -MethodName IsEnabled
    if ([bool](Get-OutValue $state 'Enabled') -eq $Enabled) {
        Write-Step "Shell Launcher is already $(if ($Enabled) { 'on' } else { 'off' })"
        return
    }
    if ($PSCmdlet.ShouldProcess('Shell Launcher', "SetEnabled($Enabled)")) {
        $result = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting `
            -MethodName SetEnabled -Arguments @{ Enabled = $Enabled }
        Assert-WmiResult $result 'SetEnabled'
        Write-Step "Shell Launcher turned $(if ($Enabled) { 'on' } else { 'off' })"
    }
}

function Set-ShellLauncher {
    param([string] $KioskSid)
    $shell = '"{0}"' -f $AppPath
    Set-CustomShell -Sid $KioskSid -Shell $shell -Codes @($StoppedByInstallerCode) `
        -Actions @($DoNothing) -Default $RestartShell
    Set-CustomShell -Sid $AdminsSid -Shell $DefaultShell -Codes @() -Actions @() `
        -Default $RestartShell
    $default = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting -MethodName GetDefaultShell
    $currentShell = Get-OutValue $default 'Shell'
    $currentAction = Get-OutValue $default 'DefaultAction'
    if ($currentShell -ne $DefaultShell -or $currentAction -ne $RestartShell) {
        if ($PSCmdlet.ShouldProcess($DefaultShell, 'WESL_UserSetting.SetDefaultShell')) {
            $result = Invoke-CimMethod -Namespace $Namespace -ClassName WESL_UserSetting `
                -MethodName SetDefaultShell -Arguments @{ Shell = $DefaultShell; DefaultAction = $RestartShell }
            Assert-WmiResult $result 'SetDefaultShell'
            Write-Step "Shell Launcher: default shell -> $DefaultShell"
        }
    }
    else {
        Write-Step "Shell Launcher: default shell is already $DefaultShell"
    }
    Set-ShellLauncherEnabled -Enabled $true
}

function Set-KeyboardFilterSetting {
    param([string] $Name, [string] $Value)
    $setting = Get-CimInstance -Namespace $Namespace -ClassName WEKF_Settings -Filter "Name='$Name'"
    if ($null -eq $setting) {
        Write-Warning "Keyboard Filter has no setting $Name"
        return
    }
    if ("$($setting.Value)" -eq $Value) {
        Write-Step "Keyboard Filter: $Name is already $Value"
        return
    }
    if ($PSCmdlet.ShouldProcess("$Name = $Value", 'WEKF_Settings')) {
        Set-CimInstance -InputObject $setting -Property @{ Value = $Value }
        Write-Step "Keyboard Filter: $Name = $Value"
    }
}

function Set-BlockedKeys {
    param([bool] $Blocked)
    $known = @{}
    foreach ($key in Get-CimInstance -Namespace $Namespace -ClassName WEKF_PredefinedKey) {
        $known[$key.Id] = $key
    }
    $changed = 0
    foreach ($id in $BlockedKeys) {
        if (-not $known.ContainsKey($id)) {
            Write-Warning "Keyboard Filter on this Windows version has no predefined key '$id'; skipped"
            continue
        }
        $key = $known[$id]
        if ([bool]$key.Enabled -eq $Blocked) {
            continue
        }
        if ($PSCmdlet.ShouldProcess($id, $(if ($Blocked) { 'block' } else { 'unblock' }))) {
            Set-CimInstance -InputObject $key -Property @{ Enabled = $Blocked }
            $changed++
        }
    }
    $verb = if ($Blocked) { 'blocked' } else { 'unblocked' }
    Write-Step "Keyboard Filter: $changed key combination(s) newly $verb, $($BlockedKeys.Count) in the list"
}

function Invoke-Lockdown {
    if (-not (Test-Path -LiteralPath $AppPath -PathType Leaf)) {
        throw "$AppPath not found: install FAQ Kiosk first, or pass -AppPath."
    }
    if (-not (Test-ShellLauncherLicense)) {
        throw 'This edition of Windows has no Shell Launcher licence (it needs Enterprise, Education or IoT Enterprise).'
    }
    foreach ($name in $Features) {
        Set-FeatureState -Name $name -Enabled $true
    }
    $kioskSid = Initialize-KioskUser
    if ($null -eq $kioskSid) {
        $kioskSid = 'S-1-5-21-0-0-0-0'   # -WhatIf for an account that does not exist yet
    }
    Grant-PinFileRead -Sid $kioskSid
    if (Test-WmiClass 'WESL_UserSetting') {
        Set-ShellLauncher -KioskSid $kioskSid
    }
    else {
        Write-Warning 'The Shell Launcher WMI provider is not available yet (restart, then run this script again).'
        $script:RunAgain = $true
    }
    if (Test-WmiClass 'WEKF_PredefinedKey') {
        Set-KeyboardFilterSetting -Name 'DisableKeyboardFilterForAdministrators' -Value 'true'
        Set-KeyboardFilterSetting -Name 'ForceOffAccessibility' -Value $(if ($ForceOffAccessibility) { 'true' } else { 'false' })
        Set-BlockedKeys -Blocked $true
    }
    else {
        Write-Warning 'Keyboard Filter is not running yet: restart Windows, then run this script again to block the keys.'
        $script:RunAgain = $true
    }
}

function Invoke-Unlock {
    if (Test-WmiClass 'WESL_UserSetting') {
        $user = Get-LocalUser -Name $UserName -ErrorAction SilentlyContinue
        $sids = @($AdminsSid)
        if ($null -ne $user) {
            $sids += $user.SID.Value
        }
        # Also any entry that starts this app (for example one left by a deleted account).
        $shell = '"{0}"' -f $AppPath
        foreach ($entry in @(Get-CimInstance -Namespace $Namespace -ClassName WESL_UserSetting)) {
            if ($entry.Shell -eq $shell -and $entry.Sid -notin $sids) {
                $sids += $entry.Sid
            }
        }
        foreach ($sid in $sids) {
            Remove-CustomShell -Sid $sid
        }
        $left = @(Get-CimInstance -Namespace $Namespace -ClassName WESL_UserSetting)
        if ($left.Count -eq 0) {
            Set-ShellLauncherEnabled -Enabled $false
        }
        else {
            Write-Step "Shell Launcher stays on: $($left.Count) entries made by something else remain"
        }
    }
    else {
        Write-Step 'Shell Launcher is not installed; nothing to undo there'
    }
    if (Test-WmiClass 'WEKF_PredefinedKey') {
        Set-BlockedKeys -Blocked $false
    }
    else {
        Write-Step 'Keyboard Filter is not running; nothing to undo there'
    }
    if ($DisableFeatures) {
        foreach ($name in $Features) {
            Set-FeatureState -Name $name -Enabled $false
        }
    }
}

try {
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        throw 'Run this script in 64-bit PowerShell (not the "(x86)" one).'
    }
    if ($Remove) {
        Invoke-Unlock
    }
    else {
        Invoke-Lockdown
    }
    if ($script:RestartNeeded -or $script:RunAgain) {
        $again = if ($script:RunAgain) { ', then run this script again with the same parameters' } else { '' }
        Write-Step "restart Windows to finish$again."
    }
    else {
        Write-Step "done; the changes apply at the next sign-in of $UserName."
    }
    exit 0
}
catch {
    Write-Host "kiosk-lockdown: error: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
