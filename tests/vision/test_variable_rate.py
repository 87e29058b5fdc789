"""A variable-frame-rate file (phones record them) is resampled to its average rate and read."""
import subprocess

from vision import analyze


def test_variable_frame_rate_video_is_analysed(tmp_path):
    path = tmp_path / "vfr.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y",
         "-f", "lavfi", "-i", "color=c=red:s=192x108:r=30:d=2",
         "-f", "lavfi", "-i", "color=c=blue:s=192x108:r=30:d=2",
         # Dropping every third frame leaves uneven gaps between timestamps: a VFR stream.
         "-filter_complex", "[0][1]concat=n=2:v=1,select='not(mod(n\\,3))'",
         "-fps_mode", "vfr", "-pix_fmt", "yuv420p", str(path)],
        check=True)
    report = analyze(path).report
    assert report["video"]["variable_frame_rate"] is True
    assert report["pace"]["cuts"] == 1
    frame_time = 1 / report["video"]["fps"]
    assert abs(report["cuts"][0]["time_s"] - 2.0) <= frame_time + 1e-6
