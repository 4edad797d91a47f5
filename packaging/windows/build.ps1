<#
.SYNOPSIS
    Builds the FAQ Kiosk installer for Windows: dist\FaqKiosk-Setup-<version>.exe.

.DESCRIPTION
    Runs on a Windows 10/11 x64 build machine with:
      * Python 3.11 or newer for x64 (python.org installer; the "py" launcher is used
        unless -Python says otherwise),
      * Inno Setup 6.3 or newer (ISCC.exe; "winget install JRSoftware.InnoSetup"),
      * network access to PyPI.
    It cannot run on Linux: PyInstaller builds for the system it runs on, and ISCC is a
    Windows program.

    Steps, each stopping the build on failure:
      1. a virtual environment in build\windows\venv (kept between builds; -Clean
         recreates it), with the project and the pinned PyInstaller installed;
      2. the gettext catalogs compiled (pybabel compile -D kiosk -d i18n);
      3. the version read from pyproject.toml (and checked against the installed
         package's metadata, which is what "faq-kiosk --version" prints);
      4. PyInstaller with the shared spec, packaging\pyinstaller\faq-kiosk.spec, giving
         the one-folder build dist\faq-kiosk\ (faq-kiosk.exe and _internal\);
      5. a smoke test of the frozen program: --version, and --screenshot (offscreen Qt,
         fonts, catalogs, content);
      6. the licence files of the bundled Python packages collected into
         build\windows\licenses (collect_licenses.py);
      7. ISCC with /DAppVersion=<version>, giving dist\FaqKiosk-Setup-<version>.exe.

.PARAMETER Python
    The command that runs the Python to build with, as an array. Default: py -3.11.
    Example: -Python 'C:\Python311\python.exe'

.PARAMETER Iscc
    Full path of ISCC.exe. Default: ISCC.exe on the PATH, else the usual Inno Setup 6
    install folders.

.PARAMETER SignCommand
    An Inno Setup sign tool command line ($f is the file to sign), for example
    'signtool.exe sign /a /fd sha256 /tr http://timestamp.example /td sha256 $f'.
    When given, the installer, the uninstaller and faq-kiosk.exe are signed.

.PARAMETER Clean
    Delete build\windows (including the virtual environment) and dist\faq-kiosk first.

.EXAMPLE
    PS C:\src\faq-kiosk> powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1

.EXAMPLE
    PS C:\src\faq-kiosk> .\packaging\windows\build.ps1 -Clean -Python 'C:\Python311\python.exe'

.NOTES
    Exit code 0 when the installer was built; otherwise the error is printed and the
    exit code is 1.
#>
#Requires -Version 5.1
[CmdletBinding()]
param(
    [ValidateNotNullOrEmpty()]
    [string[]] $Python = @('py', '-3.11'),

    [string] $Iscc,

    [string] $SignCommand,

    [switch] $Clean
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Pinned build tools (the Linux .deb build pins the same ones).
$PyInstallerVersion = '6.22.3'
$HooksContribVersion = '2026.9'

$Root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..\..')).Path
$BuildDir = Join-Path $Root 'build\windows'
$VenvDir = Join-Path $BuildDir 'venv'
$VenvPython = Join-Path $VenvDir 'Scripts\python.exe'
$OutputDir = Join-Path $Root 'dist'
$DistDir = Join-Path $OutputDir 'faq-kiosk'
$LicensesDir = Join-Path $BuildDir 'licenses'
$Spec = Join-Path $Root 'packaging\pyinstaller\faq-kiosk.spec'
$IssFile = Join-Path $PSScriptRoot 'faq-kiosk.iss'

function Write-Step {
    param([string] $Message)
    Write-Host "build.ps1: $Message" -ForegroundColor Cyan
}

function Invoke-Native {
    <#
    .SYNOPSIS
        Runs a program and throws unless it exits with 0. Its standard output is returned.
    #>
    param(
        [Parameter(Mandatory = $true)] [string] $FilePath,
        [string[]] $Arguments = @()
    )
    Write-Host "> $FilePath $($Arguments -join ' ')"
    # Windows PowerShell 5.1 turns a program's stderr lines into error records when the
    # host redirects stderr (CI runners do); with ErrorActionPreference = Stop the first
    # pip warning would end the build. The exit code decides instead.
    $saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    $global:LASTEXITCODE = 0
    try {
        & $FilePath @Arguments
        $code = $global:LASTEXITCODE
    }
    finally {
        $ErrorActionPreference = $saved
    }
    if ($code -ne 0) {
        throw "$FilePath exited with code $code"
    }
}

function Resolve-Iscc {
    if ($Iscc) {
        if (-not (Test-Path -LiteralPath $Iscc -PathType Leaf)) {
            throw "ISCC.exe not found at $Iscc"
        }
        return (Resolve-Path -LiteralPath $Iscc).Path
    }
    $command = Get-Command 'ISCC.exe' -ErrorAction SilentlyContinue
    if ($null -ne $command) {
        return $command.Source
    }
    $bases = @(${env:ProgramFiles(x86)}, $env:ProgramFiles, $env:LOCALAPPDATA)
    foreach ($base in $bases) {
        if (-not $base) {
            continue
        }
        foreach ($relative in @('Inno Setup 6\ISCC.exe', 'Programs\Inno Setup 6\ISCC.exe')) {
            $candidate = Join-Path $base $relative
            if (Test-Path -LiteralPath $candidate -PathType Leaf) {
                return $candidate
            }
        }
    }
    throw 'Inno Setup 6 (ISCC.exe) not found: install it ("winget install JRSoftware.InnoSetup") or pass -Iscc.'
}

function Get-LastLine {
    param([object[]] $Lines)
    $text = @($Lines | ForEach-Object { "$_".Trim() } | Where-Object { $_ })
    if ($text.Count -eq 0) {
        return ''
    }
    return $text[-1]
}

try {
    if ($env:OS -ne 'Windows_NT') {
        throw 'build.ps1 builds the Windows installer and runs on Windows only.'
    }
    $isccPath = Resolve-Iscc
    Write-Step "Inno Setup compiler: $isccPath"

    if ($Clean) {
        foreach ($path in @($BuildDir, $DistDir)) {
            if (Test-Path -LiteralPath $path) {
                Write-Step "removing $path"
                Remove-Item -LiteralPath $path -Recurse -Force
            }
        }
    }
    New-Item -ItemType Directory -Force -Path $BuildDir | Out-Null

    # 1. Virtual environment with the project and the pinned PyInstaller.
    if (-not (Test-Path -LiteralPath $VenvPython -PathType Leaf)) {
        Write-Step "creating the virtual environment $VenvDir"
        $launcherArgs = @($Python | Select-Object -Skip 1)
        Invoke-Native $Python[0] ($launcherArgs + @('-m', 'venv', $VenvDir))
    }
    Invoke-Native $VenvPython @('-c', 'import sys, struct; sys.exit(0 if sys.version_info >= (3, 11) and struct.calcsize(''P'') == 8 else ''build.ps1 needs a 64-bit Python 3.11 or newer'')')
    Invoke-Native $VenvPython @('-m', 'pip', 'install', '--quiet', '--upgrade', 'pip')
    Invoke-Native $VenvPython @('-m', 'pip', 'install', '--quiet', $Root,
        "pyinstaller==$PyInstallerVersion", "pyinstaller-hooks-contrib==$HooksContribVersion")

    # 2. Catalogs.
    Invoke-Native (Join-Path $VenvDir 'Scripts\pybabel.exe') @('compile', '-D', 'kiosk', '-d', (Join-Path $Root 'i18n'), '--statistics')

    # 3. Version.
    $readVersion = 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], ''rb''))[''project''][''version''])'
    $version = Get-LastLine (Invoke-Native $VenvPython @('-c', $readVersion, (Join-Path $Root 'pyproject.toml')))
    $installed = Get-LastLine (Invoke-Native $VenvPython @('-c', 'import importlib.metadata as m; print(m.version(''faq-kiosk''))'))
    if (-not $version -or $version -ne $installed) {
        throw "pyproject.toml says version '$version' but the installed package says '$installed'"
    }
    # Windows version resources take up to four numbers: 1.2.0rc1 -> 1.2.0.
    $numericVersion = [regex]::Match($version, '^\d+(\.\d+){0,3}').Value
    if (-not $numericVersion) {
        throw "cannot make a Windows file version out of '$version'"
    }
    Write-Step "version $version (file version $numericVersion)"

    # 4. PyInstaller, one-folder build.
    Invoke-Native $VenvPython @('-m', 'PyInstaller', '--noconfirm', '--clean',
        '--distpath', $OutputDir, '--workpath', (Join-Path $BuildDir 'pyinstaller'), $Spec)
    $exe = Join-Path $DistDir 'faq-kiosk.exe'
    foreach ($path in @($exe, (Join-Path $DistDir '_internal'))) {
        if (-not (Test-Path -LiteralPath $path)) {
            throw "PyInstaller did not produce $path"
        }
    }

    # 5. Smoke test of the frozen program.
    $said = Get-LastLine (Invoke-Native $exe @('--version'))
    if ($said -ne "faq-kiosk $version") {
        throw "faq-kiosk.exe --version printed '$said', not 'faq-kiosk $version' (a windowed exe prints nothing: the spec must build a console exe, with hide_console)"
    }
    $screenshot = Join-Path $BuildDir 'smoke-test.png'
    if (Test-Path -LiteralPath $screenshot) {
        Remove-Item -LiteralPath $screenshot
    }
    Invoke-Native $exe @('--screenshot', $screenshot) | Out-Null
    if (-not (Test-Path -LiteralPath $screenshot -PathType Leaf)) {
        throw "faq-kiosk.exe --screenshot did not write $screenshot"
    }

    # 6. Licences of what is bundled.
    Invoke-Native $VenvPython @((Join-Path $PSScriptRoot 'collect_licenses.py'), '--out', $LicensesDir, 'faq-kiosk')

    # 7. The installer.
    $isccArgs = @(
        "/DAppVersion=$version",
        "/DAppNumericVersion=$numericVersion",
        "/DDistDir=$DistDir",
        "/DLicensesDir=$LicensesDir",
        "/O$OutputDir"
    )
    if ($SignCommand) {
        $isccArgs += @("/Sfaqkiosk=$SignCommand", '/DSign')
    }
    Invoke-Native $isccPath ($isccArgs + @($IssFile))
    $setup = Join-Path $OutputDir "FaqKiosk-Setup-$version.exe"
    if (-not (Test-Path -LiteralPath $setup -PathType Leaf)) {
        throw "ISCC did not produce $setup"
    }
    $hash = Get-FileHash -Algorithm SHA256 -LiteralPath $setup
    Write-Step "built $setup"
    Write-Step "SHA-256 $($hash.Hash)"
    exit 0
}
catch {
    Write-Host "build.ps1: error: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
